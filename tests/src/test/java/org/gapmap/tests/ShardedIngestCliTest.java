package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --shards N} publishes what the unsharded ingest publishes: the same bdc-fixed,
 * measurements, mobile-h3, tiles and points uploads into two data directories, one read whole and
 * one in three shards, export to the same GeoJSON and CSV, byte for byte (run times aside).
 */
class ShardedIngestCliTest {
  private static final String BDC_HEADER =
      "frn,provider_id,brand_name,location_id,technology,max_advertised_download_speed,"
          + "max_advertised_upload_speed,low_latency,business_residential_code,state_usps,"
          + "block_geoid,h3_res8_id\n";

  @TempDir Path work;

  @Test
  void exportsAreIdenticalWithAndWithoutShards() throws IOException {
    Path nta = NycData.copy(NycData.NTA2020, work);
    Path tracts = NycData.copy(NycData.TRACTS, work);
    Path poles = NycData.copy(NycData.POLES, work);
    Path bdc = work.resolve("bdc_NY.csv");
    Files.writeString(bdc, bdc(tractIds(tracts), new Random(5), 20_000));
    Path tests = work.resolve("tests.csv");
    Files.writeString(tests, measurements(new Random(9), 5_000));
    Path hex = work.resolve("hex.csv");
    Files.writeString(hex, hexagons(new Random(13), 4_000));
    Path tiles = work.resolve("tiles.csv");
    Files.writeString(tiles, tiles(new Random(17), 2_500));
    List<Path> uploads = List.of(bdc, tests, hex, tiles, poles);

    String[] whole = publish(work.resolve("whole"), nta, tracts, uploads, 1);
    String[] sharded = publish(work.resolve("sharded"), nta, tracts, uploads, 3);
    assertThat(whole[0])
        .contains(
            "\"bsl_count\"",
            "\"measurement_count\"",
            "\"mobile_5g_area_share\"",
            "\"tile_download_mbps_mean\"",
            "\"poles_count\"");
    assertThat(sharded[0]).isEqualTo(whole[0]);
    assertThat(sharded[1]).isEqualTo(whole[1]);
  }

  /** GeoJSON and CSV exports, with timestamps (which differ between the two runs) blanked. */
  private static String[] publish(
      Path dataDir, Path nta, Path tracts, List<Path> uploads, int shards) {
    ok(
        dataDir,
        "region",
        "add",
        "nyc20",
        nta.toString(),
        "--id-property",
        "NTA2020",
        "--name-property",
        "NTAName");
    ok(
        dataDir,
        "region",
        "crosswalk",
        "nyc20",
        tracts.toString(),
        "--from-column",
        "GEOID",
        "--to-column",
        "NTACode");
    String n = Integer.toString(shards);
    ok(
        dataDir,
        "ingest",
        "nyc20",
        "bdc-fixed",
        uploads.get(0).toString(),
        "--shards",
        n,
        "--no-score");
    ok(
        dataDir,
        "ingest",
        "nyc20",
        "measurements",
        uploads.get(1).toString(),
        "--shards",
        n,
        "--no-score");
    ok(
        dataDir,
        "ingest",
        "nyc20",
        "mobile-h3",
        uploads.get(2).toString(),
        "--shards",
        n,
        "--no-score");
    ok(dataDir, "ingest", "nyc20", "tiles", uploads.get(3).toString(), "--shards", n, "--no-score");
    ok(
        dataDir,
        "ingest",
        "nyc20",
        "points",
        uploads.get(4).toString(),
        "--label",
        "poles",
        "--shards",
        n);
    return new String[] {
      stripTimes(ok(dataDir, "export", "nyc20", "--format", "geojson").out()),
      stripTimes(ok(dataDir, "export", "nyc20", "--format", "csv").out())
    };
  }

  private static String stripTimes(String text) {
    return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "T")
        .replaceAll("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]+", "R")
        .replaceAll("\"run_id\":\"[^\"]*\"", "")
        .replaceAll("\"runId\":\"[^\"]*\"", "");
  }

  private static CliRun ok(Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir");
    all.add(dataDir.toString());
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  private static List<String> tractIds(Path tracts) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(tracts).subList(1, 400)) {
      ids.add(line.substring(1, 12));
    }
    return ids;
  }

  /** Locations with several rows scattered through the file, duplicates and business rows. */
  private static String bdc(List<String> tracts, Random r, int rows) {
    StringBuilder b = new StringBuilder(BDC_HEADER);
    int[] techs = {10, 40, 50, 60, 70, 71, 72};
    String[] downs = {"2", "10", "25", "100", "300", "1000"};
    String[] ups = {"1", "3", "20", "35", "1000"};
    for (int i = 0; i < rows; i++) {
      int location = r.nextInt(rows / 3);
      b.append(
          String.join(
                  ",",
                  "1",
                  Integer.toString(130000 + r.nextInt(9)),
                  "Brand",
                  Integer.toString(1_700_000_000 + location),
                  Integer.toString(techs[r.nextInt(techs.length)]),
                  downs[r.nextInt(downs.length)],
                  ups[r.nextInt(ups.length)],
                  r.nextInt(5) == 0 ? "0" : "1",
                  r.nextInt(12) == 0 ? "B" : "R",
                  "NY",
                  tracts.get(location % tracts.size()) + "1000",
                  "882a100d2dfffff")
              + "\n");
    }
    return b.toString();
  }

  /**
   * 5G and 4G hexagons over New York City and around it (some outside every NTA, some crossing NTA
   * borders), cells listed by several providers and some ids in upper case.
   */
  private static String hexagons(Random r, int rows) throws IOException {
    H3Core h3 = H3Core.newInstance();
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < rows / 3; i++) {
      cells.add(
          h3.latLngToCellAddress(40.45 + r.nextDouble() * 0.5, -74.30 + r.nextDouble() * 0.6, 9));
    }
    String[] techs = {"5G", "4G", "LTE", "500", "3G"};
    StringBuilder b = new StringBuilder("h3_res9_id,technology,mindown,minup,provider_id\n");
    for (int i = 0; i < rows; i++) {
      String cell = cells.get(r.nextInt(cells.size()));
      b.append(
          String.join(
                  ",",
                  r.nextInt(10) == 0 ? cell.toUpperCase(Locale.ROOT) : cell,
                  techs[r.nextInt(techs.length)],
                  List.of("5", "7", "35", "100").get(r.nextInt(4)),
                  List.of("1", "3", "10").get(r.nextInt(3)),
                  Integer.toString(130000 + r.nextInt(4)))
              + "\n");
    }
    return b.toString();
  }

  /** Zoom-16 speed-test tiles over New York City and around it, each quadkey once. */
  private static String tiles(Random r, int count) {
    Set<String> quadkeys = new LinkedHashSet<>();
    while (quadkeys.size() < count) {
      double lat = 40.45 + r.nextDouble() * 0.5;
      double lon = -74.30 + r.nextDouble() * 0.6;
      double n = 1 << 16;
      int x = (int) Math.floor((lon + 180) / 360 * n);
      double phi = Math.toRadians(lat);
      int y = (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
      StringBuilder q = new StringBuilder();
      for (int i = 15; i >= 0; i--) {
        q.append((char) ('0' + (((y >> i) & 1) << 1 | ((x >> i) & 1))));
      }
      quadkeys.add(q.toString());
    }
    StringBuilder b = new StringBuilder("quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n");
    for (String q : quadkeys) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%d,%d,%d%n",
              q,
              r.nextInt(900_000),
              r.nextInt(90_000),
              4 + r.nextInt(90),
              r.nextInt(12) == 0 ? 0 : 1 + r.nextInt(300),
              1 + r.nextInt(40)));
    }
    return b.toString();
  }

  private static String measurements(Random r, int rows) {
    StringBuilder b = new StringBuilder("latitude,longitude,download_mbps,upload_mbps,network\n");
    for (int i = 0; i < rows; i++) {
      b.append(
          String.format(
              Locale.ROOT,
              "%.5f,%.5f,%.2f,%.2f,%s%n",
              40.57 + r.nextDouble() * 0.3,
              -74.05 + r.nextDouble() * 0.2,
              r.nextDouble() * 500,
              r.nextDouble() * 50,
              r.nextBoolean() ? "fixed" : "mobile"));
    }
    return b.toString();
  }
}
