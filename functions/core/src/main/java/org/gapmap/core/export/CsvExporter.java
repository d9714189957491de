package org.gapmap.core.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;

/**
 * Writes a published run as a CSV table that opens cleanly in spreadsheets: UTF-8 with a byte-order
 * mark, CRLF line ends, one header row, text quoted (so ids such as GEOIDs keep their leading
 * zeros), numbers bare, the {@link FlatColumns} with the centroid's latitude and longitude.
 * Stateless and thread-safe.
 */
public final class CsvExporter {
  /** The media type of what this writes, with the parameters RFC 4180 defines. */
  public static final String MEDIA_TYPE = "text/csv;charset=utf-8;header=present";

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setQuoteMode(QuoteMode.NON_NUMERIC)
          .setRecordSeparator("\r\n")
          .get();

  private CsvExporter() {}

  /** Writes every feature of {@code run}, in rank order with the unranked last. */
  public static void write(PublishedRun run, OutputStream out) throws IOException {
    write(run, ranked(run.features()), out);
  }

  /**
   * Writes {@code features} of {@code run}, in the order given, to {@code out}, which is flushed
   * but left open.
   */
  public static void write(PublishedRun run, List<ScoredFeature> features, OutputStream out)
      throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\ufeff');
    List<FlatColumns.Column> columns = FlatColumns.of(run, features, true);
    CSVPrinter printer = new CSVPrinter(writer, FORMAT);
    printer.printRecord(columns.stream().map(FlatColumns.Column::name).toList());
    for (ScoredFeature f : features) {
      List<Object> values = FlatColumns.values(columns, f, FeatureProperties.of(f, run));
      List<Object> record = new ArrayList<>(values.size());
      for (Object v : values) {
        record.add(cell(v));
      }
      printer.printRecord(record);
    }
    printer.flush();
  }

  private static Object cell(Object v) {
    if (v instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return d.longValue();
    }
    return v;
  }

  /** Features in rank order, then the unranked by id. */
  public static List<ScoredFeature> ranked(List<ScoredFeature> features) {
    List<ScoredFeature> sorted = new ArrayList<>(features);
    sorted.sort(
        Comparator.comparing(
                (ScoredFeature f) -> f.score().rank(),
                Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(f -> f.neighborhood().id()));
    return sorted;
  }
}
