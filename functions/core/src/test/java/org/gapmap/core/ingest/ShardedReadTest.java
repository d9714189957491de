package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
    return assertSameForShards(reader, csv, region, UploadOptions.defaults());
  }

  private ReadResult assertSameForShards(
      ShardableReader reader, String csv, RegionContext region, UploadOptions options) {
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
    }
    assertThat(temp).isEmptyDirectory();
    return whole;
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
