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
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\ufeff');
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
            "centroid_lat",
            "centroid_lon",
            "area_km2",
            "profile",
            "run_id",
            "computed_at"));
    CSVPrinter printer = new CSVPrinter(writer, FORMAT);
    printer.printRecord(header);
    int i = 0;
    for (ScoredFeature f : ranked(features)) {
      Map<String, Object> p = rows.get(i++);
      printer.printRecord(record(header, p, f, run.run()));
    }
    printer.flush();
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
      } else {
        v = p.get(column);
      }
      values.add(
          v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
              ? (Object) d.longValue()
              : v);
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
