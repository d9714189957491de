package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gapmap.core.geom.H3Cells;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;

class BdcFixedReaderTest {
  private static final RegionId ID = RegionId.of("test-squares");

  /** Two 0.1° squares side by side, so H3 res-8 cells (about 1 km across) fall well inside. */
  private static final List<Neighborhood> SQUARES =
      List.of(
          neighborhood("W1", box(-74.10, 40.60, -74.00, 40.70)),
          neighborhood("E1", box(-74.00, 40.60, -73.90, 40.70)));

  private static final Crosswalk TRACTS =
      new Crosswalk(
          ID,
          Crosswalk.TRACT,
          "tracts.csv",
          Instant.EPOCH,
          Map.of("36047000100", NeighborhoodId.of("W1"), "36047000200", NeighborhoodId.of("E1")));

  private static final RegionContext BY_TRACT = new RegionContext(ID, SQUARES, List.of(TRACTS));
  private static final RegionContext BY_CELL = new RegionContext(ID, SQUARES);

  static final String HEADER =
      "frn,provider_id,brand_name,location_id,technology,max_advertised_download_speed,"
          + "max_advertised_upload_speed,low_latency,business_residential_code,state_usps,"
          + "block_geoid,h3_res8_id\n";

  private static final String W_BLOCK = "360470001001000";
  private static final String E_BLOCK = "360470002001000";
  private static final String NO_BLOCK = "360470009001000";
  private static final String W_CELL = Long.toHexString(H3Cells.cellAt(40.65, -74.05, 8));
  private static final String E_CELL = Long.toHexString(H3Cells.cellAt(40.65, -73.95, 8));
  private static final String NO_CELL = Long.toHexString(H3Cells.cellAt(41.50, -73.00, 8));

  private static String row(
      int provider, long location, int tech, String down, String up, int lowLatency, String code) {
    String block = location >= 3000 ? NO_BLOCK : location >= 2000 ? E_BLOCK : W_BLOCK;
    String cell = location >= 3000 ? NO_CELL : location >= 2000 ? E_CELL : W_CELL;
    return String.join(
            ",",
            "0001234567",
            Integer.toString(provider),
            "\"Brand " + provider + ", Inc.\"",
            Long.toString(location),
            Integer.toString(tech),
            down,
            up,
            Integer.toString(lowLatency),
            code,
            "NY",
            block,
            cell)
        + "\n";
  }

  /**
   * W1: 1001 served by fiber; 1002 underserved (cable 300/10; the satellite 100/20 is not
   * reliable); 1003 unserved (unlicensed wireless is not reliable, DSL too slow); 1004 served by
   * licensed-by-rule wireless in a row far from its other one (whose low_latency 0 makes it
   * unreliable); 1005 business only. E1: 2001 served, its row repeated exactly and with other
   * speeds. 3001 lies outside.
   */
  static final String FILE =
      HEADER
          + row(1, 1001, 50, "1000", "1000", 1, "R")
          + row(2, 1002, 40, "300", "10", 1, "R")
          + row(3, 1002, 60, "100", "20", 0, "R")
          + row(4, 1003, 70, "100", "20", 1, "X")
          + row(1, 1004, 71, "200", "50", 0, "R")
          + row(2, 1003, 10, "10", "1", 1, "X")
          + row(1, 1005, 50, "1000", "1000", 1, "B")
          + row(2, 2001, 40, "1000", "35", 1, "R")
          + row(2, 2001, 40, "1000", "35", 1, "R")
          + row(1, 3001, 50, "1000", "1000", 1, "R")
          + row(2, 2001, 40, "500", "35", 1, "R")
          + row(5, 1004, 72, "100", "20", 1, "R");

  private static ReadResult read(InputSource input, RegionContext region, int chunk) {
    return new BdcFixedReader(chunk).read(input, region, UploadOptions.defaults());
  }

  private static ReadResult read(String csv, RegionContext region) {
    return read(source("bdc.csv", csv), region, 1 << 20);
  }

  private static Indicators of(ReadResult result, String id) {
    return result.indicators().get(NeighborhoodId.of(id));
  }

  @Test
  void classifiesLocationsByTheirBestReliableServiceComputedByHand() {
    ReadResult result = read(FILE, BY_TRACT);

    Indicators w1 = of(result, "W1");
    assertThat(w1.get("bsl_count")).hasValue(4.0);
    assertThat(w1.get("served_share")).hasValue(0.5);
    assertThat(w1.get("underserved_share")).hasValue(0.25);
    assertThat(w1.get("unserved_share")).hasValue(0.25);
    assertThat(w1.get("fiber_share")).hasValue(0.25);
    assertThat(w1.get("provider_count_median")).hasValue(2.0); // 1 2 2 2
    Indicators e1 = of(result, "E1");
    assertThat(e1.get("bsl_count")).hasValue(1.0);
    assertThat(e1.get("served_share")).hasValue(1.0);
    assertThat(e1.get("fiber_share")).hasValue(0.0);
    assertThat(e1.get("provider_count_median")).hasValue(1.0);
  }

  @Test
  void reportsBusinessRowsOutsideLocationsAndDuplicates() {
    ReadResult result = read(FILE, BY_TRACT);

    assertThat(result.report().rowsRead()).isEqualTo(12);
    assertThat(result.report().rowsOutside()).isEqualTo(1);
    assertThat(result.report().rowsUsed()).isEqualTo(8);
    assertThat(result.report().rowsSkipped()).isEqualTo(3);
    assertThat(
            result.report().rowsUsed()
                + result.report().rowsOutside()
                + result.report().rowsSkipped())
        .as("every row is used, outside or skipped, once")
        .isEqualTo(result.report().rowsRead());
    assertThat(result.report().notes())
        .anyMatch(n -> n.startsWith("1 business-only rows"))
        .anyMatch(n -> n.startsWith("1 locations (1 rows) fall outside"))
        .anyMatch(n -> n.startsWith("1 exact duplicate"))
        .anyMatch(n -> n.contains("location 2001 provider 2 technology 40"));
  }

  @Test
  void withoutACrosswalkLocationsReachNeighborhoodsThroughTheirH3Cell() {
    ReadResult byCell = read(FILE, BY_CELL);

    assertThat(byCell.indicators()).isEqualTo(read(FILE, BY_TRACT).indicators());
    assertThat(byCell.report().rowsOutside()).isEqualTo(1);
  }

  @Test
  void spillingToDiskGivesTheSameResult() {
    StringBuilder big = new StringBuilder(FILE);
    for (int i = 0; i < 500; i++) {
      big.append(row(i % 7 + 1, 1100 + i % 90, i % 2 == 0 ? 40 : 50, "" + i, "" + i % 40, 1, "R"));
    }
    ReadResult inMemory = read(source("bdc.csv", big.toString()), BY_TRACT, 1 << 20);
    ReadResult spilled = read(source("bdc.csv", big.toString()), BY_TRACT, 16);

    assertThat(spilled.indicators()).isEqualTo(inMemory.indicators());
    assertThat(spilled.report()).isEqualTo(inMemory.report());
  }

  private static void assertRejected(
      String csv, RegionContext region, String line, String column, String reason) {
    assertThatThrownBy(() -> read(csv, region))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> {
              assertThat(e.source()).isEqualTo("bdc.csv");
              assertThat(e.location()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void rejectsBadRowsNamingLineColumnAndReason() {
    String ok = row(1, 1001, 50, "1000", "1000", 1, "R");
    assertRejected(
        HEADER + ok + row(1, 1001, 99, "10", "1", 1, "R"), BY_TRACT, "line 3", "technology", "99");
    assertRejected(
        HEADER + row(1, 1001, 50, "-1", "1", 1, "R"),
        BY_TRACT,
        "line 2",
        "max_advertised_download_speed",
        "negative");
    assertRejected(
        HEADER + row(1, 1001, 50, "10", "NaN", 1, "R"),
        BY_TRACT,
        "line 2",
        "max_advertised_upload_speed",
        "NaN");
    assertRejected(
        HEADER + row(1, 1001, 50, "fast", "1", 1, "R"),
        BY_TRACT,
        "line 2",
        "max_advertised_download_speed",
        "fast");
    assertRejected(
        HEADER + row(1, 1001, 50, "10", "1", 2, "R"), BY_TRACT, "line 2", "low_latency", "0 or 1");
    assertRejected(
        HEADER + row(1, 1001, 50, "10", "1", 1, "Q"),
        BY_TRACT,
        "line 2",
        "business_residential_code",
        "\"Q\"");
    assertRejected(HEADER + ok.replace("1001", "10x1"), BY_TRACT, "line 2", "location_id", "10x1");
    assertRejected(
        HEADER + ok.replace(W_BLOCK, "36047ABC"), BY_TRACT, "line 2", "block_geoid", "15-digit");
    assertRejected(HEADER + ok.replace(W_CELL, "zzz"), BY_CELL, "line 2", "h3_res8_id", "zzz");
    String res9 = Long.toHexString(H3Cells.cellAt(40.65, -74.05, 9));
    assertRejected(
        HEADER + ok.replace(W_CELL, res9), BY_CELL, "line 2", "h3_res8_id", "resolution-8");
  }

  @Test
  void rejectsMissingColumnsEmptyFilesAndTruncatedGzip() {
    String noLatency = HEADER.replace("low_latency", "latency");
    assertRejected(
        noLatency + row(1, 1001, 50, "10", "1", 1, "R"),
        BY_TRACT,
        "line 1",
        "low_latency",
        "no column");
    String noBlock = HEADER.replace("block_geoid", "block");
    assertRejected(
        noBlock + row(1, 1001, 50, "10", "1", 1, "R"),
        BY_TRACT,
        "line 1",
        "block_geoid",
        "no column");
    assertRejected("", BY_TRACT, "line 1", null, "empty");
    assertRejected(HEADER, BY_TRACT, null, null, "no data rows");
    byte[] whole = gzip(HEADER + FILE.substring(HEADER.length()).repeat(200));
    byte[] cut = Arrays.copyOf(whole, whole.length - 40);
    assertThatThrownBy(() -> read(source("bdc.csv.gz", cut), BY_TRACT, 1 << 20))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("bdc.csv.gz")
        .hasMessageContaining("truncated");
  }
}
