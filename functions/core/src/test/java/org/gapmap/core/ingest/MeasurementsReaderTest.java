package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gapmap.core.GeneratedInput;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;

class MeasurementsReaderTest {
  private static final RegionContext REGION =
      new RegionContext(
          RegionId.of("test-squares"),
          List.of(
              neighborhood("W1", box(-74.00, 40.70, -73.99, 40.71)),
              neighborhood("E1", box(-73.98, 40.70, -73.97, 40.71))));

  private static final String HEADER =
      "latitude,longitude,download_mbps,upload_mbps,latency_ms,timestamp,network,provider\n";

  /** Four tests in W1 (two fixed, two mobile), one in E1, one far away, one repeated row. */
  private static final String TESTS =
      HEADER
          + """
          40.701,-73.999,10,1,30,2025-01-01T00:00:00Z,fixed,A
          40.702,-73.998,50,10,20,2025-01-01T00:01:00Z,fixed,A
          40.703,-73.997,200,30,10,2025-01-01T00:02:00Z,mobile,B
          40.704,-73.996,100,2,,2025-01-01T00:03:00Z,mobile,B
          40.705,-73.975,30,5,15,2025-01-01T00:04:00Z,,C
          41.500,-73.000,30,5,15,2025-01-01T00:05:00Z,fixed,C
          40.702,-73.998,50,10,20,2025-01-01T00:01:00Z,fixed,A
          """;

  private static ReadResult read(InputSource input) {
    return new MeasurementsReader().read(input, REGION, UploadOptions.defaults());
  }

  private static ReadResult read(String csv) {
    return read(source("tests.csv", csv));
  }

  private static Indicators of(ReadResult result, String id) {
    return result.indicators().get(NeighborhoodId.of(id));
  }

  @Test
  void aHugeFieldIsRejectedEndToEndWithoutReadingTheFile() {
    // a 200 MB provider name, unquoted: the reader stops a little past the 128 KiB field limit
    GeneratedInput huge =
        new GeneratedInput(HEADER + "40.701,-73.999,10,1,30,,fixed,", (byte) 'P', 200L << 20);

    assertThatThrownBy(() -> read(huge.source("huge.csv")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(
            "huge.csv: line 2, column 'provider': field 8 is longer than 131072 bytes, the limit"
                + " for one CSV field");
    assertThat(huge.served()).isLessThan(3L << 20);
  }

  @Test
  void countsSharesAndExactMediansComputedByHand() {
    ReadResult result = read(TESTS);

    Indicators w1 = of(result, "W1");
    assertThat(w1.get("measurement_count")).hasValue(4.0);
    assertThat(w1.get("measured_below_25_3_share")).hasValue(0.5);
    assertThat(w1.get("measured_download_mbps_median")).hasValue(75.0); // 10 50 | 100 200
    assertThat(w1.get("measured_upload_mbps_median")).hasValue(6.0); // 1 2 | 10 30
    assertThat(w1.get("measured_latency_ms_median")).hasValue(20.0); // 10 20 30, one blank
    assertThat(w1.get("measurement_count_fixed")).hasValue(2.0);
    assertThat(w1.get("measured_download_mbps_median_fixed")).hasValue(30.0);
    assertThat(w1.get("measured_latency_ms_median_fixed")).hasValue(25.0);
    assertThat(w1.get("measured_download_mbps_median_mobile")).hasValue(150.0);
    assertThat(w1.get("measured_upload_mbps_median_mobile")).hasValue(16.0);
    assertThat(w1.get("measured_below_25_3_share_mobile")).hasValue(0.5);
    Indicators e1 = of(result, "E1");
    assertThat(e1.get("measurement_count")).hasValue(1.0);
    assertThat(e1.get("measured_below_25_3_share")).hasValue(0.0);
    assertThat(e1.has("measurement_count_fixed")).isFalse();
  }

  @Test
  void outsideRowsAndDuplicatesAreCountedAndReported() {
    ReadResult result = read(TESTS);

    assertThat(result.report().rowsRead()).isEqualTo(7);
    assertThat(result.report().rowsUsed()).isEqualTo(5);
    assertThat(result.report().rowsOutside()).isEqualTo(1);
    assertThat(result.report().notes())
        .anyMatch(n -> n.contains("1 tests fall outside"))
        .anyMatch(n -> n.contains("1 exact duplicate"));
  }

  @Test
  void gzippedInputReadsTheSame() {
    assertThat(read(source("tests.csv.gz", gzip(TESTS))).indicators())
        .isEqualTo(read(TESTS).indicators());
  }

  private static void assertRejected(String csv, String line, String column, String reason) {
    assertThatThrownBy(() -> read(csv))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> {
              assertThat(e.source()).isEqualTo("tests.csv");
              assertThat(e.location()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void rejectsBadRowsNamingLineColumnAndReason() {
    String ok = "40.701,-73.999,10,1,30,2025-01-01T00:00:00Z,fixed,A\n";
    assertRejected(
        HEADER + ok + "40.701,-73.999,fast,1,30,t,fixed,A\n", "line 3", "download_mbps", "fast");
    assertRejected(
        HEADER + "40.701,-73.999,NaN,1,30,t,fixed,A\n", "line 2", "download_mbps", "NaN");
    assertRejected(
        HEADER + "40.701,-73.999,10,-1,30,t,fixed,A\n", "line 2", "upload_mbps", "negative");
    assertRejected(
        HEADER + "40.701,-73.999,10,1,-5,t,fixed,A\n", "line 2", "latency_ms", "negative");
    assertRejected(HEADER + "95.1,-73.999,10,1,30,t,fixed,A\n", "line 2", "latitude", "-90..90");
    assertRejected(HEADER + "40.7,-273.9,10,1,30,t,fixed,A\n", "line 2", "longitude", "-180..180");
    assertRejected(HEADER + "40.7,-73.99,10,,30,t,fixed,A\n", "line 2", "upload_mbps", "blank");
    assertRejected(
        HEADER + "40.7,-73.99,10,1,30,t,satellite,A\n", "line 2", "network", "satellite");
  }

  @Test
  void rejectsMissingColumnsEmptyFilesAndSwappedCoordinates() {
    assertRejected(
        "latitude,longitude,upload_mbps\n40.7,-73.99,1\n", "line 1", "download_mbps", "no column");
    assertRejected("", "line 1", null, "empty");
    assertRejected(HEADER, null, null, "no data rows");
    String swapped =
        "latitude,longitude,download_mbps,upload_mbps\n"
            + "-73.999,40.701,10,1\n-73.998,40.702,10,1\n-73.975,40.705,10,1\n";
    assertRejected(swapped, null, "latitude/longitude", "swapped");
  }

  @Test
  void rejectsATruncatedGzip() {
    byte[] whole = gzip(TESTS.repeat(50));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> read(source("tests.csv.gz", cut)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("tests.csv.gz")
        .hasMessageContaining("truncated");
  }

  @Test
  void mappingNamesOtherColumns() {
    String csv = "Lat,Lon,Down,Up\n40.701,-73.999,10,1\n";
    ReadResult result =
        new MeasurementsReader()
            .read(
                source("t.csv", csv),
                REGION,
                new UploadOptions(
                    null,
                    Map.of(
                        "latitude",
                        "Lat",
                        "longitude",
                        "Lon",
                        "download_mbps",
                        "Down",
                        "upload_mbps",
                        "Up"),
                    null,
                    null));
    assertThat(of(result, "W1").get("measurement_count")).hasValue(1.0);
  }
}
