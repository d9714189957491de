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
import org.gapmap.core.model.Run;
import org.gapmap.core.priorities.Totals;
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
    write(run, features, null, out);
  }

  /**
   * Writes {@code features} of {@code run} in the order given, then, if {@code totals} is given,
   * one last row whose {@code ranked} cell is {@code total}: the selection's households, population
   * and households without home broadband summed, its adoption household-weighted. {@code out} is
   * flushed but left open.
   */
  public static void write(
      PublishedRun run, List<ScoredFeature> features, Totals totals, OutputStream out)
      throws IOException {
    write(run, features, totals, SmallSampleSuppression.of(run.profile()), out);
  }

  /**
   * Writes like {@link #write(PublishedRun, List, Totals, OutputStream)}, withholding what {@code
   * suppression} withholds rather than what the run's profile does.
   */
  public static void write(
      PublishedRun run,
      List<ScoredFeature> features,
      Totals totals,
      SmallSampleSuppression suppression,
      OutputStream out)
      throws IOException {
    List<FlatColumns.Column> columns = FlatColumns.of(run, features, true);
    List<String> header = columns.stream().map(FlatColumns.Column::name).toList();
    CSVPrinter printer = printer(out);
    printer.printRecord(header);
    for (ScoredFeature f : features) {
      List<Object> record = new ArrayList<>(columns.size());
      for (Object v : FlatColumns.values(columns, f, FeatureProperties.of(f, run, suppression))) {
        record.add(cell(v));
      }
      printer.printRecord(record);
    }
    if (totals != null) {
      printer.printRecord(totalsRecord(header, totals, run.run()));
    }
    printer.flush();
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
      values.add(cell(v));
    }
    return values;
  }

  private static Double round(Double value, int decimals) {
    return value == null ? null : FeatureProperties.round(value, decimals);
  }

  /** Spreadsheet cells: yes/no for booleans, whole numbers without a fraction (12, not 12.0). */
  static Object cell(Object v) {
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
