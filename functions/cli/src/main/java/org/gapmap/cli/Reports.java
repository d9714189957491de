package org.gapmap.cli;

import java.util.Locale;
import java.util.Map;
import org.gapmap.core.ingest.IngestOutcome;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.priorities.PriorityList;
import org.gapmap.core.priorities.Totals;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.score.Sensitivity;
import org.gapmap.core.store.ScoreStore;

/** Human-readable summaries of what a step did. */
final class Reports {
  private Reports() {}

  static void ingested(Console console, IngestOutcome outcome) {
    UploadRecord u = outcome.upload();
    if (outcome.alreadyIngested()) {
      console.result(
          u.sourceName()
              + ": already ingested as upload "
              + u.id().shortForm()
              + " on "
              + u.receivedAt()
              + "; nothing changed");
      return;
    }
    UploadRecord.IngestReport r = u.report();
    console.result(
        u.sourceName()
            + ": "
            + u.kind()
            + " upload "
            + u.id().shortForm()
            + " ("
            + u.label()
            + "): "
            + r.rowsRead()
            + " rows read, "
            + r.rowsUsed()
            + " used, "
            + r.rowsOutside()
            + " outside the region, "
            + r.rowsSkipped()
            + " skipped; indicators for "
            + u.indicators().size()
            + " neighborhoods");
    console.notes("notes:", r.notes());
  }

  static void sensitivity(
      Console console, Sensitivity.Report report, Map<NeighborhoodId, String> names) {
    int k = report.scenarios().size();
    console.result(
        String.format(
            Locale.ROOT,
            "sensitivity of the top %d under %s: each of the %d weights with data ×%s and ×%s,"
                + " one at a time (%d scenarios)",
            report.top(),
            report.profile(),
            k / 2,
            factor(1 - report.step()),
            factor(1 + report.step()),
            k));
    console.result(
        String.format(
            Locale.ROOT, "%5s  %-9s  %-9s  %-8s  %s", "rank", "range", "in top", "id", "name"));
    for (Sensitivity.Entry e : report.entries()) {
      String range =
          e.bestRank() == e.worstRank()
              ? Integer.toString(e.bestRank())
              : e.bestRank() + "-" + e.worstRank();
      String verdict;
      if (e.robust()) {
        verdict = "robust";
      } else if (e.baseRank() != null && e.baseRank() <= report.top()) {
        verdict = "drops out in " + (k - e.scenariosInTop()) + " of " + k + " scenarios";
      } else {
        verdict = "enters in " + e.scenariosInTop() + " of " + k + " scenarios";
      }
      console.result(
          String.format(
              Locale.ROOT,
              "%5s  %-9s  %-9s  %-8s  %s  (%s)",
              e.baseRank() == null ? "-" : e.baseRank().toString(),
              range,
              e.scenariosInTop() + "/" + k,
              e.id().value(),
              names.getOrDefault(e.id(), ""),
              verdict));
    }
    long inTop =
        report.entries().stream()
            .filter(e -> e.baseRank() != null && e.baseRank() <= report.top())
            .count();
    console.result(
        report.robustCount()
            + " of the top "
            + inTop
            + " stay in the top "
            + report.top()
            + " in every scenario"
            + (k == 2 && report.robustCount() == inTop
                ? " (a single-indicator profile: weights cannot change its ranking)"
                : ""));
  }

  /** One line of a selection's totals, to standard error. */
  static void totals(Console console, PriorityList list) {
    Totals t = list.totals();
    StringBuilder b =
        new StringBuilder("top ")
            .append(t.neighborhoods())
            .append(" of ")
            .append(list.run().run().profile());
    if (t.households() != null) {
      b.append(String.format(Locale.ROOT, ": %,d households", Math.round(t.households())));
    }
    if (t.noHomeBroadbandHouseholds() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              ", %,d without home broadband",
              Math.round(t.noHomeBroadbandHouseholds())));
    }
    if (t.homeBroadbandAdoptionWeighted() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "; household-weighted home broadband adoption %.1f %%",
              100 * t.homeBroadbandAdoptionWeighted()));
    }
    if (t.mobileBroadbandAdoptionWeighted() != null) {
      b.append(
          String.format(
              Locale.ROOT, ", mobile %.1f %%", 100 * t.mobileBroadbandAdoptionWeighted()));
    }
    if (t.unservedUnderservedLocations() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %,d unserved or underserved locations",
              Math.round(t.unservedUnderservedLocations())));
    }
    console.note(b.toString());
  }

  private static String factor(double f) {
    return java.math.BigDecimal.valueOf(f)
        .setScale(4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  static void published(Console console, ScoreStore store, Run run) {
    store
        .region(run.regionId())
        .flatMap(region -> PublishedRun.load(store, region, run.id()))
        .ifPresent(
            published -> {
              long ranked =
                  published.features().stream().filter(f -> f.score().rank() != null).count();
              console.result(
                  "published run "
                      + run.id()
                      + " of "
                      + run.regionId()
                      + " (profile "
                      + run.profile()
                      + ", "
                      + run.inputs().size()
                      + " inputs): "
                      + published.features().size()
                      + " neighborhoods, "
                      + ranked
                      + " ranked");
            });
  }
}
