package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;

/**
 * Rows handed out as items keyed by column name, every value a string, are written back under the
 * upload's header and read into partials that merge into the whole file's result.
 */
class RowBatchTest {
  private static final List<Neighborhood> SQUARES =
      List.of(
          neighborhood("W1", box(-74.10, 40.60, -74.00, 40.70)),
          neighborhood("E1", box(-74.00, 40.60, -73.90, 40.70)),
          neighborhood("N1", box(-74.10, 40.70, -73.90, 40.80)));
  private static final RegionContext REGION = new RegionContext(RegionId.of("rows"), SQUARES);

  @Test
  void pointsReadInBatchesOfItemsMergeIntoTheWholeRead() throws IOException {
    Random r = new Random(3);
    // a byte order mark, spaces around names, columns in an unusual order, quoted commas, quotes
    // and line breaks in a text column, blank coordinates and rows outside
    StringBuilder b = new StringBuilder("\uFEFFname, lon ,id,lat\n");
    for (int i = 0; i < 2500; i++) {
      String name =
          switch (r.nextInt(5)) {
            case 0 -> "\"Pole, " + i + "\"";
            case 1 -> "\"the \"\"big\"\" one\"";
            case 2 -> "\"two\nlines\"";
            default -> "pole-" + i;
          };
      boolean blank = r.nextInt(40) == 0;
      b.append(name)
          .append(',')
          .append(blank ? "" : String.format(Locale.ROOT, "%.5f", -74.14 + r.nextDouble() * 0.28))
          .append(',')
          .append(i)
          .append(',')
          .append(blank ? "" : String.format(Locale.ROOT, "%.5f", 40.56 + r.nextDouble() * 0.28))
          .append('\n');
    }
    byte[] file = b.toString().getBytes(StandardCharsets.UTF_8);
    UploadOptions options = new UploadOptions(null, Map.of(), "poles", null, null);
    PointsReader reader = new PointsReader();
    ReadResult whole = reader.read(source("poles.csv", file), REGION, options);

    CsvUploadHeader header =
        CsvUploadHeader.read("poles.csv", java.util.Arrays.copyOf(file, 64), false);
    assertThat(header.names()).containsExactly("name", "lon", "id", "lat");
    List<RowBatch.Row> rows = items(b.toString());
    assertThat(rows).hasSize(2500);
    List<List<RowBatch.Row>> batches = new ArrayList<>();
    for (int from = 0; from < rows.size(); ) {
      int size = 1 + r.nextInt(400);
      List<RowBatch.Row> batch =
          new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + size)));
      Collections.shuffle(batch, r); // the order within a batch does not matter
      batches.add(batch);
      from += size;
    }
    Collections.shuffle(batches, r); // nor the order batches are read in
    List<RowBatch> read = new ArrayList<>();
    List<PartialAggregate> partials = new ArrayList<>();
    for (List<RowBatch.Row> batch : batches) {
      RowBatch slice = RowBatch.of("poles.csv", header, batch);
      read.add(slice);
      partials.add(reader.shard(slice.slice(), REGION, options));
    }
    assertThat(read.stream().mapToLong(RowBatch::rows).sum()).isEqualTo(2500);
    PartialAggregate merged = partials.get(0);
    partials.subList(1, partials.size()).forEach(merged::merge);
    ReadResult result = reader.finish("poles.csv", merged, REGION, options);

    assertThat(result.indicators()).isEqualTo(whole.indicators());
    assertThat(result.report()).isEqualTo(whole.report());
    assertThat(whole.report().rowsOutside()).isPositive();
    assertThat(whole.report().rowsSkipped()).isPositive();
  }

  @Test
  void aBadValueIsRejectedNamingTheRowsOfTheBatch() {
    CsvUploadHeader header = header("id,lat,lon\n1,40.65,-74.05\n");
    List<RowBatch.Row> rows =
        List.of(
            row(10, "id", "11", "lat", "40.65", "lon", "-74.05"),
            row(11, "id", "12", "lat", "north", "lon", "-74.05"));
    RowBatch batch = RowBatch.of("poles.csv", header, rows);
    assertThat(batch.slice().name()).isEqualTo("poles.csv (rows 11-12)");
    assertThatThrownBy(
            () -> new PointsReader().shard(batch.slice(), REGION, UploadOptions.defaults()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("poles.csv (rows 11-12): line 3, column 'lat'");
  }

  @Test
  void rowsThatAreNotConsecutiveOrNotKeyedByTheHeaderAreRefused() {
    CsvUploadHeader header = header("id,lat,lon\n");
    assertThatThrownBy(
            () ->
                RowBatch.of(
                    "p.csv",
                    header,
                    List.of(
                        row(0, "id", "1", "lat", "1", "lon", "1"),
                        row(2, "id", "2", "lat", "1", "lon", "1"))))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("not consecutive");
    assertThatThrownBy(
            () -> RowBatch.of("p.csv", header, List.of(row(0, "id", "1", "lat", "1", "x", "1"))))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no value for column 'lon'");
    assertThatThrownBy(
            () ->
                RowBatch.of(
                    "p.csv",
                    header,
                    List.of(
                        row(0, "id", "1", "lat", "1", "lon", "1"),
                        row(1, "id", "1", "lat", "1", "lon", "1", "extra", "x"))))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("p.csv: row 2");
  }

  @Test
  void compressedObjectsIncompleteHeadersAndRepeatedColumnsAreRefused() {
    assertThatThrownBy(() -> CsvUploadHeader.read("p.csv.gz", gzip("id,lat,lon\n"), true))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("compressed");
    byte[] cut = "id,latitude,longi".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CsvUploadHeader.read("p.csv", cut, false))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("does not end within the first 17 bytes");
    assertThat(CsvUploadHeader.read("p.csv", cut, true).names())
        .containsExactly("id", "latitude", "longi");
    assertThatThrownBy(() -> header("id,lat,lat\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("names column 'lat' twice");
  }

  private static CsvUploadHeader header(String text) {
    return CsvUploadHeader.read("p.csv", text.getBytes(StandardCharsets.UTF_8), true);
  }

  private static RowBatch.Row row(long index, String... keysAndValues) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new RowBatch.Row(index, values);
  }

  /** The file's data rows as a CSV item reader hands them out: strings keyed by header name. */
  private static List<RowBatch.Row> items(String csv) throws IOException {
    List<RowBatch.Row> rows = new ArrayList<>();
    try (CSVParser parser =
        CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv))) {
      for (CSVRecord record : parser) {
        rows.add(new RowBatch.Row(record.getRecordNumber() - 1, record.toMap()));
      }
    }
    return rows;
  }
}
