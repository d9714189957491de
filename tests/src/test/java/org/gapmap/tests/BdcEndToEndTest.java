package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * FCC availability rows reach NTA 2020 neighborhoods through the tract crosswalk, from the command
 * line: register the region and the real crosswalk, ingest a small BDC file whose answer is known,
 * export it, and see a bad file rejected with exit status 3 and nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BdcEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEADER =
      "frn,provider_id,brand_name,location_id,technology,max_advertised_download_speed,"
          + "max_advertised_upload_speed,low_latency,business_residential_code,state_usps,"
          + "block_geoid,h3_res8_id\n";

  @TempDir static Path work;
  private Path dataDir;

  /**
   * Tracts 36005001901 and 36005001902 both lie in BX0101 (Mott Haven-Port Morris): location 1 has
   * fiber (served), location 2 cable 300/10 and DSL from another provider (underserved), location 3
   * only unlicensed fixed wireless (unserved); location 4 is business only.
   */
  private static String file(String technologyOfLine3) {
    return HEADER
        + "1,130077,\"Fiber Co, Inc.\",1700000001,50,1000,1000,1,R,NY,360050019011000,882a100d2dfffff\n"
        + "1,130235,Cable Co,1700000002,"
        + technologyOfLine3
        + ",300,10,1,R,NY,360050019021001,882a100d2dfffff\n"
        + "1,190233,DSL Co,1700000002,10,10,1,1,R,NY,360050019021001,882a100d2dfffff\n"
        + "1,290111,Air Co,1700000003,70,100,20,1,X,NY,360050019011002,882a100d2dfffff\n"
        + "1,130077,\"Fiber Co, Inc.\",1700000004,50,1000,1000,1,B,NY,360050019011003,882a100d2dfffff\n";
  }

  @BeforeAll
  void registerRegionAndCrosswalk() throws IOException {
    dataDir = work.resolve("data");
    Path nta = NycData.copy(NycData.NTA2020, work);
    Path tracts = NycData.copy(NycData.TRACTS, work);
    CliRun add =
        cli(
            "region",
            "add",
            "nyc20",
            nta.toString(),
            "--id-property",
            "NTA2020",
            "--name-property",
            "NTAName",
            "--unranked",
            "NTAType!=0");
    assertThat(add.exitCode()).as(add.toString()).isZero();
    assertThat(add.out()).contains("262 neighborhoods, 197 ranked");
    CliRun crosswalk =
        cli(
            "region",
            "crosswalk",
            "nyc20",
            tracts.toString(),
            "--from-column",
            "GEOID",
            "--to-column",
            "NTACode");
    assertThat(crosswalk.exitCode()).as(crosswalk.toString()).isZero();
    assertThat(crosswalk.out()).contains("2327 keys");
  }

  @Test
  void bdcRowsReachNeighborhoodsThroughTheCrosswalkAndBadFilesChangeNothing() throws IOException {
    Path good = work.resolve("bdc_NY.csv");
    Files.writeString(good, file("40"));
    CliRun ingest = cli("ingest", "nyc20", "bdc-fixed", good.toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    assertThat(ingest.out() + ingest.err()).contains("1 business-only rows");

    Path out = work.resolve("nyc20.geojson");
    assertThat(cli("export", "nyc20", "--format", "geojson", "--out", out.toString()).exitCode())
        .isZero();
    JsonNode mottHaven = feature(JSON.readTree(out.toFile()).get("features"), "BX0101");
    assertThat(mottHaven.at("/properties/bsl_count").asDouble()).isEqualTo(3.0);
    // Three locations are fewer than k = 10: the shares and the median are withheld (#8).
    for (String statistic :
        List.of("served_share", "unserved_share", "fiber_share", "provider_count_median")) {
      assertThat(mottHaven.at("/properties/" + statistic).isNull()).as(statistic).isTrue();
      assertThat(mottHaven.at("/properties/suppressed/" + statistic).asText())
          .isEqualTo("small sample");
    }

    String before = cli("export", "nyc20", "--format", "csv").out();
    Path bad = work.resolve("bdc_bad.csv");
    Files.writeString(bad, file("99"));
    CliRun rejected = cli("ingest", "nyc20", "bdc-fixed", bad.toString());
    assertThat(rejected.exitCode()).as(rejected.toString()).isEqualTo(3);
    assertThat(rejected.err()).contains("bdc_bad.csv", "line 3", "technology", "99");
    assertThat(cli("export", "nyc20", "--format", "csv").out()).isEqualTo(before);
  }

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir");
    all.add(dataDir.toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  private static JsonNode feature(JsonNode features, String id) {
    for (JsonNode f : features) {
      if (f.get("id").asText().equals(id)) {
        return f;
      }
    }
    throw new AssertionError("no feature " + id);
  }
}
