package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --shards N} publishes what the unsharded ingest publishes: the same bdc-fixed,
 * measurements and points uploads into two data directories, one read whole and one in three
 * shards, export to the same GeoJSON and CSV, byte for byte (run times aside).
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

    String[] whole = publish(work.resolve("whole"), nta, tracts, bdc, tests, poles, 1);
    String[] sharded = publish(work.resolve("sharded"), nta, tracts, bdc, tests, poles, 3);
    assertThat(whole[0]).contains("\"bsl_count\"", "\"measurement_count\"", "\"poles_count\"");
    assertThat(sharded[0]).isEqualTo(whole[0]);
    assertThat(sharded[1]).isEqualTo(whole[1]);
  }

  /** GeoJSON and CSV exports, with timestamps (which differ between the two runs) blanked. */
  private static String[] publish(
      Path dataDir, Path nta, Path tracts, Path bdc, Path tests, Path poles, int shards) {
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
    ok(dataDir, "ingest", "nyc20", "bdc-fixed", bdc.toString(), "--shards", n, "--no-score");
    ok(dataDir, "ingest", "nyc20", "measurements", tests.toString(), "--shards", n, "--no-score");
    ok(dataDir, "ingest", "nyc20", "points", poles.toString(), "--label", "poles", "--shards", n);
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
