package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.gapmap.core.geom.H3Cells;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharded read gives the unsharded read's indicators and counts, for every shardable kind. */
class ShardedReadTest {
  private static final RegionId ID = RegionId.of("shards");
  private static final List<Neighborhood> SQUARES =
      List.of(
          neighborhood("W1", box(-74.10, 40.60, -74.00, 40.70)),
          neighborhood("E1", box(-74.00, 40.60, -73.90, 40.70)),
          neighborhood("N1", box(-74.10, 40.70, -73.90, 40.80)));
  private static final Crosswalk TRACTS =
      new Crosswalk(
          ID,
          Crosswalk.TRACT,
          "tracts.csv",
          Instant.EPOCH,
          Map.of(
              "36047000100", NeighborhoodId.of("W1"),
              "36047000200", NeighborhoodId.of("E1"),
              "36047000300", NeighborhoodId.of("N1")));

  @TempDir Path temp;

  @Test
  void bdcFixedByTractAndByCellIsTheSameInEveryShardCount() {
    String csv = bdc(new Random(7), 4000);
    assertSameForShards(
        new BdcFixedReader(1000), csv, new RegionContext(ID, SQUARES, List.of(TRACTS)));
    assertSameForShards(new BdcFixedReader(1000), csv, new RegionContext(ID, SQUARES));
  }

  @Test
  void aLocationIdWithALeadingZeroMeetsTheRestOfItsLocation() {
    Random r = new Random(41);
    StringBuilder b = new StringBuilder();
    for (String line : bdc(new Random(43), 3000).split("\n")) {
      // 0123 is location 123 to the reader, so its rows must meet those of 123
      b.append(r.nextInt(4) == 0 ? line.replaceFirst("(Inc\\.\",)(\\d+),", "$10$2,") : line)
          .append('\n');
    }
    assertThat(b.toString()).contains("Inc.\",01");
    assertSameForShards(
        new BdcFixedReader(1000), b.toString(), new RegionContext(ID, SQUARES, List.of(TRACTS)));
  }

  @Test
  void measurementsWithDuplicatesAreTheSameInEveryShardCount() {
    Random r = new Random(11);
    StringBuilder b =
        new StringBuilder(
            "latitude,longitude,download_mbps,upload_mbps,latency_ms,timestamp,network,provider\n");
    String previous = null;
    for (int i = 0; i < 3000; i++) {
      String row =
          String.format(
                  java.util.Locale.ROOT,
                  "%.4f,%.4f,%.1f,%.1f,%s,t,%s,P",
                  40.55 + r.nextDouble() * 0.3,
                  -74.12 + r.nextDouble() * 0.24,
                  r.nextDouble() * 300,
                  r.nextDouble() * 40,
                  r.nextInt(5) == 0 ? "" : Integer.toString(5 + r.nextInt(80)),
                  List.of("fixed", "mobile", "").get(r.nextInt(3)))
              + "\n";
      b.append(row);
      if (previous != null && r.nextInt(20) == 0) {
        b.append(previous); // exact duplicates, not adjacent to their first
      }
      if (r.nextInt(50) == 0) {
        b.append(",,10,1,,t,,P\n");
      }
      previous = row;
    }
    ReadResult whole =
        assertSameForShards(new MeasurementsReader(), b.toString(), new RegionContext(ID, SQUARES));
    assertThat(whole.report().rowsSkipped()).isGreaterThan(100);
    assertThat(whole.report().rowsOutside()).isGreaterThan(0);
  }

  @Test
  void pointsAreTheSameInEveryShardCount() {
    Random r = new Random(3);
    StringBuilder b = new StringBuilder("id,lat,lon\n");
    for (int i = 0; i < 2000; i++) {
      b.append(i)
          .append(',')
          .append(40.55 + r.nextDouble() * 0.3)
          .append(',')
          .append(-74.12 + r.nextDouble() * 0.24)
          .append('\n');
    }
    UploadOptions options = new UploadOptions(null, Map.of(), "poles", null, null);
    ReadResult whole =
        assertSameForShards(
            new PointsReader(), b.toString(), new RegionContext(ID, SQUARES), options);
    assertThat(whole.label()).isEqualTo("poles");
  }

  @Test
  void hexagonsListedTwiceOrByManyProvidersAreTheSameInEveryShardCount() {
    Random r = new Random(17);
    List<Long> pool = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      // the three squares and a margin around them, so some cells cross borders or lie outside
      pool.add(H3Cells.cellAt(40.58 + r.nextDouble() * 0.24, -74.12 + r.nextDouble() * 0.24, 9));
    }
    pool.add(H3Cells.cellAt(41.5, -73.0, 9)); // far outside
    StringBuilder b = new StringBuilder("h3_res9_id,technology,mindown,minup,provider\n");
    String[] techs = {"5G", "4G", "3G", "500", "400", "LTE"};
    for (int i = 0; i < 3000; i++) {
      String id = Long.toHexString(pool.get(r.nextInt(pool.size())));
      // the same cell in upper case, padded: still one cell, so it must meet its other rows
      id = r.nextInt(8) == 0 ? " " + id.toUpperCase(Locale.ROOT) : id;
      b.append(id)
          .append(',')
          .append(techs[r.nextInt(techs.length)])
          .append(',')
          .append(List.of("0.2", "5", "7", "35", "100").get(r.nextInt(5)))
          .append(',')
          .append(List.of("0.05", "1", "3", "10").get(r.nextInt(4)))
          .append(',')
          .append("P")
          .append(r.nextInt(4))
          .append('\n');
    }
    ReadResult whole =
        assertSameForShards(
            new MobileH3Reader(), b.toString(), new RegionContext(ID, SQUARES), true);
    assertThat(whole.report().rowsOutside()).isGreaterThan(0);
    assertThat(whole.report().notes().get(0)).startsWith("3000 rows name ");
    assertThat(
            whole
                .indicators()
                .get(NeighborhoodId.of("W1"))
                .get("mobile_4g_area_share")
                .orElseThrow())
        .isBetween(0.05, 1.0);
  }

  @Test
  void hexagonsOfTwoResolutionsAreRejectedInEveryShardCount() {
    StringBuilder b = new StringBuilder("hex_id,technology,mindown,minup\n");
    Random r = new Random(23);
    for (int i = 0; i < 200; i++) {
      int resolution = i == 150 ? 8 : 9;
      b.append(
              Long.toHexString(
                  H3Cells.cellAt(
                      40.6 + r.nextDouble() * 0.2, -74.1 + r.nextDouble() * 0.2, resolution)))
          .append(",5G,50,5\n");
    }
    InputSource input = source("hex.csv", b.toString());
    RegionContext region = new RegionContext(ID, SQUARES);
    assertThatThrownBy(() -> new MobileH3Reader().read(input, region, UploadOptions.defaults()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("one resolution");
    for (int shards : new int[] {2, 3, 4}) {
      assertThatThrownBy(
              () ->
                  new ShardedRead(temp)
                      .read(new MobileH3Reader(), input, region, UploadOptions.defaults(), shards))
          .as("%d shards", shards)
          .isInstanceOf(InputRejectedException.class)
          .hasMessageContaining("one resolution");
    }
  }

  @Test
  void tilesWithOutsideAndTestlessTilesAreTheSameInEveryShardCount() {
    Random r = new Random(29);
    StringBuilder b = new StringBuilder("quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n");
    java.util.Set<String> used = new java.util.HashSet<>();
    while (used.size() < 1500) {
      String quadkey = quadkey(40.56 + r.nextDouble() * 0.28, -74.14 + r.nextDouble() * 0.28, 16);
      if (!used.add(quadkey)) {
        continue;
      }
      b.append(r.nextInt(6) == 0 ? " " + quadkey + " " : quadkey)
          .append(',')
          .append(r.nextInt(900_000))
          .append(',')
          .append(r.nextInt(90_000))
          .append(',')
          .append(5 + r.nextInt(80))
          .append(',')
          .append(r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(400))
          .append(',')
          .append(1 + r.nextInt(50))
          .append('\n');
    }
    ReadResult whole =
        assertSameForShards(new TilesReader(), b.toString(), new RegionContext(ID, SQUARES), true);
    assertThat(whole.report().rowsOutside()).isGreaterThan(0);
    assertThat(whole.report().notes()).anyMatch(n -> n.contains("report 0 tests"));
  }

  @Test
  void aRepeatedQuadkeyMeetsItsFirstAndIsRejectedInEveryShardCount() {
    StringBuilder b = new StringBuilder("quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n");
    Random r = new Random(31);
    String repeated = quadkey(40.65, -74.05, 16);
    java.util.Set<String> used = new java.util.HashSet<>(List.of(repeated));
    b.append(repeated).append(",1000,100,10,5,1\n");
    for (int i = 0; i < 300; i++) {
      String q = quadkey(40.6 + r.nextDouble() * 0.2, -74.1 + r.nextDouble() * 0.2, 16);
      if (used.add(q)) {
        b.append(q).append(',').append(1000 + i).append(",100,10,5,1\n");
      }
    }
    // the same tile again, spelled with spaces around it
    b.append("  ").append(repeated).append(" ,2000,100,10,5,1\n");
    String csv = b.toString();
    InputSource input = source("tiles.csv", csv);
    RegionContext region = new RegionContext(ID, SQUARES);
    for (int shards : new int[] {1, 2, 3, 4}) {
      assertThatThrownBy(
              () ->
                  new ShardedRead(temp)
                      .read(new TilesReader(), input, region, UploadOptions.defaults(), shards))
          .as("%d shards", shards)
          .isInstanceOf(InputRejectedException.class)
          .hasMessageContaining("quadkey " + repeated + " appears again");
    }
  }

  @Test
  void geoJsonTilesAreReadWholeWhenShardsAreAskedForButNotByAShardFunction() {
    String geojson =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"quadkey\":\""
            + quadkey(40.65, -74.05, 16)
            + "\",\"avg_d_kbps\":80000,\"avg_u_kbps\":8000,\"avg_lat_ms\":12,\"tests\":4},"
            + "\"geometry\":null}]}";
    InputSource input = source("tiles.geojson", geojson);
    RegionContext region = new RegionContext(ID, SQUARES);
    ReadResult whole = new TilesReader().read(input, region, UploadOptions.defaults());
    ReadResult sharded =
        new ShardedRead(temp).read(new TilesReader(), input, region, UploadOptions.defaults(), 3);
    assertThat(sharded.indicators()).isEqualTo(whole.indicators()).isNotEmpty();
    assertThatThrownBy(
            () ->
                new ShardedRead(temp)
                    .shardOf(new TilesReader(), input, region, UploadOptions.defaults(), 0, 2))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("in one piece");
  }

  @Test
  void independentShardRunsMergeIntoTheWholeResult() {
    String csv = bdc(new Random(13), 3000);
    RegionContext region = new RegionContext(ID, SQUARES, List.of(TRACTS));
    BdcFixedReader reader = new BdcFixedReader();
    InputSource input = source("bdc.csv", csv);
    ReadResult whole = reader.read(input, region, UploadOptions.defaults());
    org.gapmap.core.aggregate.PartialAggregate merged = null;
    for (int k = 0; k < 3; k++) {
      org.gapmap.core.aggregate.PartialAggregate p =
          new ShardedRead(temp).shardOf(reader, input, region, UploadOptions.defaults(), k, 3);
      assertThat(p.counter(0)).as("rows of shard %d", k).isBetween(500L, 1700L);
      if (merged == null) {
        merged = p;
      } else {
        merged.merge(p);
      }
    }
    ReadResult result = reader.finish("bdc.csv", merged, region, UploadOptions.defaults());
    assertThat(result.indicators()).isEqualTo(whole.indicators());
    assertThat(result.report().rowsUsed()).isEqualTo(whole.report().rowsUsed());
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void geoJsonPointsAreReadWholeWhenShardsAreAskedFor() {
    String geojson =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + "{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-74.05,40.65]}},"
            + "{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-73.95,40.65]}}]}";
    InputSource input = source("poles.geojson", geojson);
    RegionContext region = new RegionContext(ID, SQUARES);
    ReadResult whole = new PointsReader().read(input, region, UploadOptions.defaults());
    ReadResult sharded =
        new ShardedRead(temp).read(new PointsReader(), input, region, UploadOptions.defaults(), 3);
    assertThat(sharded.indicators()).isEqualTo(whole.indicators());
    assertThat(sharded.report().rowsUsed()).isEqualTo(2);
  }

  @Test
  void emptyFileIsRejectedWhenShardedToo() {
    assertThatThrownBy(
            () ->
                new ShardedRead(temp)
                    .read(
                        new MeasurementsReader(),
                        source("m.csv", "latitude,longitude,download_mbps,upload_mbps\n"),
                        new RegionContext(ID, SQUARES),
                        UploadOptions.defaults(),
                        3))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("m.csv")
        .hasMessageContaining("no data rows");
  }

  @Test
  void aBadRowIsRejectedNamingItsShard() {
    String csv = bdc(new Random(1), 50) + bdcRow(1, 1001, 50, "fast", "20", 1, "R", "0001");
    assertThatThrownBy(
            () ->
                new ShardedRead(temp)
                    .read(
                        new BdcFixedReader(),
                        source("bdc.csv", csv),
                        new RegionContext(ID, SQUARES, List.of(TRACTS)),
                        UploadOptions.defaults(),
                        2))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("bdc.csv (shard ")
        .hasMessageContaining("max_advertised_download_speed");
  }

  private ReadResult assertSameForShards(ShardableReader reader, String csv, RegionContext region) {
    return assertSameForShards(reader, csv, region, UploadOptions.defaults(), false);
  }

  private ReadResult assertSameForShards(
      ShardableReader reader, String csv, RegionContext region, boolean sameNotes) {
    return assertSameForShards(reader, csv, region, UploadOptions.defaults(), sameNotes);
  }

  private ReadResult assertSameForShards(
      ShardableReader reader, String csv, RegionContext region, UploadOptions options) {
    return assertSameForShards(reader, csv, region, options, false);
  }

  /**
   * The sharded reads in 1 to 4 shards give the whole read's indicators and counts (and notes, when
   * {@code sameNotes}: readers whose notes quote examples list them in shard order).
   */
  private ReadResult assertSameForShards(
      ShardableReader reader,
      String csv,
      RegionContext region,
      UploadOptions options,
      boolean sameNotes) {
    InputSource input = source("upload.csv.gz", gzip(csv));
    ReadResult whole = reader.read(input, region, options);
    assertThat(whole.indicators()).isNotEmpty();
    for (int shards : new int[] {1, 2, 3, 4}) {
      ReadResult sharded = new ShardedRead(temp).read(reader, input, region, options, shards);
      assertThat(sharded.indicators()).as("%d shards", shards).isEqualTo(whole.indicators());
      assertThat(sharded.label()).isEqualTo(whole.label());
      assertThat(sharded.report().rowsRead()).isEqualTo(whole.report().rowsRead());
      assertThat(sharded.report().rowsUsed()).isEqualTo(whole.report().rowsUsed());
      assertThat(sharded.report().rowsOutside()).isEqualTo(whole.report().rowsOutside());
      assertThat(sharded.report().rowsSkipped()).isEqualTo(whole.report().rowsSkipped());
      if (sameNotes) {
        assertThat(sharded.report().notes()).isEqualTo(whole.report().notes());
      }
    }
    assertThat(temp).isEmptyDirectory();
    return whole;
  }

  /** The quadkey of the zoom-{@code zoom} Web-Mercator tile holding (lat, lon). */
  static String quadkey(double lat, double lon, int zoom) {
    double n = 1L << zoom;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    double phi = Math.toRadians(lat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
    StringBuilder q = new StringBuilder();
    for (int i = zoom - 1; i >= 0; i--) {
      q.append((char) ('0' + (((y >> i) & 1) << 1 | ((x >> i) & 1))));
    }
    return q.toString();
  }

  static final String BDC_HEADER =
      "frn,provider_id,brand_name,location_id,technology,max_advertised_download_speed,"
          + "max_advertised_upload_speed,low_latency,business_residential_code,state_usps,"
          + "block_geoid,h3_res8_id\n";

  private static final String[] TRACT = {
    "36047000100", "36047000200", "36047000300", "36047000900"
  };
  private static final double[][] CENTRE = {
    {40.65, -74.05}, {40.65, -73.95}, {40.75, -74.00}, {41.50, -73.00}
  };

  /**
   * Rows of a location scattered through the file, several providers and technologies each, exact
   * and conflicting duplicates, business rows and locations outside the region.
   */
  private static String bdc(Random r, int rows) {
    StringBuilder b = new StringBuilder(BDC_HEADER);
    int[] techs = {0, 10, 40, 50, 60, 61, 70, 71, 72};
    String[] speeds = {"0", "2", "10", "25", "50", "100", "300", "1000"};
    String[] ups = {"0", "1", "3", "5", "20", "35", "1000"};
    String last = null;
    for (int i = 0; i < rows; i++) {
      long location = 1000 + r.nextInt(rows / 3);
      String row =
          bdcRow(
              1 + r.nextInt(12),
              location,
              techs[r.nextInt(techs.length)],
              speeds[r.nextInt(speeds.length)],
              ups[r.nextInt(ups.length)],
              r.nextInt(4) == 0 ? 0 : 1,
              r.nextInt(10) == 0 ? "B" : r.nextInt(5) == 0 ? "X" : "R",
              null);
      b.append(row);
      if (last != null && r.nextInt(25) == 0) {
        b.append(last);
      }
      last = row;
    }
    return b.toString();
  }

  private static String bdcRow(
      int provider,
      long location,
      int tech,
      String down,
      String up,
      int lowLatency,
      String code,
      String blockSuffix) {
    int g = (int) (location % 4);
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
            TRACT[g] + (blockSuffix == null ? "1000" : blockSuffix),
            Long.toHexString(H3Cells.cellAt(CENTRE[g][0], CENTRE[g][1], 8)))
        + "\n";
  }
}
