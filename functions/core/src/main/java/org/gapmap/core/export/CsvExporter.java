package org.gapmap.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.gapmap.core.model.Run;
import org.gapmap.core.priorities.Totals;
import org.gapmap.core.publish.DataSource;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.locationtech.jts.geom.Point;

/**
 * Writes a published run as a CSV table that opens cleanly in spreadsheets: UTF-8 with a byte-order
 * mark, CRLF line ends, one header row, text quoted (so ids such as GEOIDs keep their leading
 * zeros), numbers bare, one column per indicator and per contribution, and the centroid's latitude
 * and longitude. Rows in rank order, unranked last. Stateless and thread-safe.
 */
public final class CsvExporter {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setQuoteMode(QuoteMode.NON_NUMERIC)
          .setRecordSeparator("\r\n")
          .get();

  private CsvExporter() {}

  public static void write(PublishedRun run, OutputStream out) throws IOException {
    write(run, run.features(), out);
  }

  /**
   * Writes {@code features} of {@code run} in rank order to {@code out}, which is flushed but left
   * open.
   */
  public static void write(PublishedRun run, List<ScoredFeature> features, OutputStream out)
      throws IOException {
    write(run, features, null, out);
  }

  /**
   * A printer on {@code out} in this exporter's format, the byte-order mark already written. Flush
   * it when done; {@code out} stays open.
   */
  public static CSVPrinter printer(OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\ufeff');
    return new CSVPrinter(writer, FORMAT);
  }

  /**
   * Writes {@code features} of {@code run} in rank order, then, if {@code totals} is given, one
   * last row whose {@code ranked} cell is {@code total}: the selection's households, population and
   * households without home broadband summed, its adoption household-weighted.
   */
  public static void write(
      PublishedRun run, List<ScoredFeature> features, Totals totals, OutputStream out)
      throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> contributionColumns = new LinkedHashSet<>();
    for (ScoredFeature f : ranked(features)) {
      contributionColumns.addAll(f.score().contributions().keySet());
      rows.add(FeatureProperties.of(f, run));
    }
    List<String> header =
        new ArrayList<>(List.of("id", "name", "borough", "ranked", "rank", "gap_score"));
    header.addAll(run.indicatorNames());
    contributionColumns.forEach(c -> header.add("contribution_" + c));
    header.addAll(
        List.of(
            "missing_indicators",
            "unranked_reason",
            "sources",
            "centroid_lat",
            "centroid_lon",
            "area_km2",
            "profile",
            "run_id",
            "computed_at"));
    CSVPrinter printer = printer(out);
    printer.printRecord(header);
    int i = 0;
    for (ScoredFeature f : ranked(features)) {
      Map<String, Object> p = rows.get(i++);
      printer.printRecord(record(header, p, f, run.run()));
    }
    if (totals != null) {
      printer.printRecord(totalsRecord(header, totals, run.run()));
    }
    printer.flush();
  }

  private static List<Object> totalsRecord(List<String> header, Totals totals, Run run) {
    List<Object> values = new ArrayList<>(header.size());
    for (String column : header) {
      Object v =
          switch (column) {
            case "name" -> "Total of " + totals.neighborhoods() + " neighborhoods";
            case "ranked" -> "total";
            case "households" -> totals.households();
            case "population" -> totals.population();
            case "no_home_broadband_households" -> totals.noHomeBroadbandHouseholds();
            case "home_broadband_adoption" -> round(totals.homeBroadbandAdoptionWeighted(), 4);
            case "mobile_broadband_adoption" -> round(totals.mobileBroadbandAdoptionWeighted(), 4);
            case "bsl_count" -> totals.locations();
            case "profile" -> run.profile();
            case "run_id" -> run.id().value();
            case "computed_at" -> run.createdAt().toString();
            default -> null;
          };
      values.add(plain(v));
    }
    return values;
  }

  private static Double round(Double value, int decimals) {
    return value == null ? null : FeatureProperties.round(value, decimals);
  }

  /** Whole numbers without a fraction, so spreadsheets read 12 rather than 12.0. */
  static Object plain(Object v) {
    return v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
        ? (Object) d.longValue()
        : v;
  }

  private static List<Object> record(
      List<String> header, Map<String, Object> p, ScoredFeature f, Run run) {
    @SuppressWarnings("unchecked")
    Map<String, Double> contributions = (Map<String, Double>) p.get("contributions");
    Point centroid = f.neighborhood().geometry().getCentroid();
    List<Object> values = new ArrayList<>(header.size());
    for (String column : header) {
      Object v;
      if (column.startsWith("contribution_")) {
        v = contributions.get(column.substring("contribution_".length()));
      } else if (column.equals("missing_indicators")) {
        v = String.join(";", f.score().missingIndicators());
      } else if (column.equals("centroid_lat")) {
        v = GeoJsonWriter.roundCoordinate(centroid.getY());
      } else if (column.equals("centroid_lon")) {
        v = GeoJsonWriter.roundCoordinate(centroid.getX());
      } else if (column.equals("ranked")) {
        v = f.neighborhood().ranked() ? "yes" : "no";
      } else if (column.equals("sources")) {
        v = String.join("; ", f.sources().stream().map(DataSource::describe).toList());
      } else {
        v = p.get(column);
      }
      values.add(plain(v));
    }
    return values;
  }

  /** Features in rank order, then the unranked by id. */
  private static List<ScoredFeature> ranked(List<ScoredFeature> features) {
    List<ScoredFeature> sorted = new ArrayList<>(features);
    sorted.sort(
        java.util.Comparator.comparing(
                (ScoredFeature f) -> f.score().rank(),
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
            .thenComparing(f -> f.neighborhood().id()));
    return sorted;
  }
}
