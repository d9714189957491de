package org.gapmap.cli;

import org.gapmap.core.ingest.IngestOutcome;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.publish.PublishedRun;
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
