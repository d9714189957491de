package org.gapmap.core.priorities;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.gapmap.core.export.CsvExporter;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Run;
import org.gapmap.core.publish.ScoredFeature;

/**
 * Writes a priority list as a spreadsheet-ready CSV table (UTF-8 with a byte-order mark, CRLF, text
 * quoted, as {@link CsvExporter}): one row per neighborhood in rank order with its reasons, then a
 * totals row whose {@code rank} cell is {@code Total}. Stateless and thread-safe.
 */
public final class PriorityCsv {
  /** The columns, in order. */
  public static final List<String> HEADER =
      List.of(
          "rank",
          "id",
          "name",
          "borough",
          "gap_score",
          "households",
          "households_affected",
          "population",
          "home_broadband_adoption",
          "mobile_broadband_adoption",
          "locations",
          "locations_affected",
          "reason_1",
          "reason_2",
          "reason_3",
          "profile",
          "run_id");

  private PriorityCsv() {}

  /** Writes {@code list} to {@code out}, which is flushed but left open. */
  public static void write(PriorityList list, OutputStream out) throws IOException {
    CSVPrinter printer = CsvExporter.printer(out);
    printer.printRecord(HEADER);
    Run run = list.run().run();
    for (PriorityList.Entry e : list.entries()) {
      ScoredFeature f = e.feature();
      Indicators v = f.score().indicators();
      List<Object> row = new ArrayList<>();
      row.add(e.rank());
      row.add(f.neighborhood().id().value());
      row.add(f.neighborhood().name());
      row.add(f.neighborhood().borough());
      row.add(plain(round(f.score().gapScore(), 2)));
      row.add(plain(v.value("households").orElse(null)));
      row.add(plain(e.householdsAffected()));
      row.add(plain(v.value("population").orElse(null)));
      row.add(v.value("home_broadband_adoption").orElse(null));
      row.add(v.value("mobile_broadband_adoption").orElse(null));
      row.add(plain(v.value("bsl_count").orElse(null)));
      row.add(plain(e.locationsAffected()));
      for (int i = 0; i < PriorityList.REASONS; i++) {
        row.add(i < e.reasons().size() ? e.reasons().get(i) : null);
      }
      row.add(run.profile());
      row.add(run.id().value());
      printer.printRecord(row);
    }
    Totals t = list.totals();
    List<Object> total = new ArrayList<>();
    total.add("Total");
    total.add(null);
    total.add(t.neighborhoods() + " neighborhoods");
    total.add(null);
    total.add(null);
    total.add(plain(t.households()));
    total.add(plain(t.noHomeBroadbandHouseholds()));
    total.add(plain(t.population()));
    total.add(round(t.homeBroadbandAdoptionWeighted(), 4));
    total.add(round(t.mobileBroadbandAdoptionWeighted(), 4));
    total.add(plain(t.locations()));
    total.add(plain(t.unservedUnderservedLocations()));
    for (int i = 0; i < PriorityList.REASONS; i++) {
      total.add(null);
    }
    total.add(run.profile());
    total.add(run.id().value());
    printer.printRecord(total);
    printer.flush();
  }

  static Double round(Double value, int decimals) {
    return value == null
        ? null
        : java.math.BigDecimal.valueOf(value)
            .setScale(decimals, java.math.RoundingMode.HALF_UP)
            .doubleValue();
  }

  private static Object plain(Double v) {
    return v != null && v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) v.longValue() : v;
  }
}
