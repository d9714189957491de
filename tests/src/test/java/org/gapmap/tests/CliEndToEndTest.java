package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line end to end on the real NYC files, as a planner would use it: register the NTA
 * 2010 region, ingest the Internet Master Plan and the small-cell poles, score, export, and get
 * clear exit codes on bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private Path dataDir;
  private Path imp;

  @BeforeAll
  void registerAndIngest() throws IOException {
    dataDir = work.resolve("data");
    Path nta = NycData.copy(NycData.NTA2010, work);
    imp = NycData.copy(NycData.IMP, work);
    Path poles = NycData.copy(NycData.POLES, work);

    CliRun add =
        cli(
            "region",
            "add",
            "nyc",
            nta.toString(),
            "--id-property",
            "NTACode",
            "--name-property",
            "NTAName",
            "--unranked",
            "NTACode~.*(98|99)");
    assertThat(add.exitCode()).as(add.toString()).isZero();
    assertThat(add.out()).contains("195 neighborhoods, 188 ranked");
    assertThat(add.err())
        .as("the invalid NTA polygons are repaired and reported")
        .contains("repaired");

    CliRun adoption = cli("ingest", "nyc", "adoption", imp.toString(), "--preset", "nyc-imp");
    assertThat(adoption.exitCode()).as(adoption.toString()).isZero();
    assertThat(adoption.out()).contains("195 rows read").contains("published run");

    CliRun points = cli("ingest", "nyc", "points", poles.toString(), "--label", "small_cells");
    assertThat(points.exitCode()).as(points.toString()).isZero();
    assertThat(points.out()).contains("8849 rows read");
  }

  @Test
  void geojsonExportCarriesTheSourceValues() throws IOException {
    Path out = work.resolve("nyc.geojson");
    CliRun export = cli("export", "nyc", "--format", "geojson", "--out", out.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();

    JsonNode features = JSON.readTree(out.toFile()).get("features");
    assertThat(features).hasSize(195);
    JsonNode williamsburg = feature(features, "BK72");
    assertThat(williamsburg.at("/properties/name").asText()).isEqualTo("Williamsburg");
    assertThat(williamsburg.at("/properties/home_broadband_adoption").asDouble()).isEqualTo(0.23);
    assertThat(williamsburg.at("/properties/borough").asText()).isEqualTo("Brooklyn");

    List<Integer> ranks = new ArrayList<>();
    for (JsonNode f : features) {
      JsonNode rank = f.at("/properties/rank");
      if (!rank.isNull()) {
        ranks.add(rank.asInt());
      }
      String id = f.get("id").asText();
      boolean pseudo = id.endsWith("98") || id.endsWith("99");
      assertThat(rank.isNull()).as("rank of %s", id).isEqualTo(pseudo);
    }
    assertThat(ranks).hasSize(188);
    assertThat(new HashSet<>(ranks)).hasSize(188);
    assertThat(ranks.stream().mapToInt(Integer::intValue).min().orElseThrow()).isEqualTo(1);
    assertThat(ranks.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(188);

    long poles = 0;
    for (JsonNode f : features) {
      poles += f.at("/properties/small_cells_count").asLong();
    }
    assertThat(poles).as("poles counted once each, inside some NTA").isBetween(8700L, 8849L);
  }

  @Test
  void flatGeobufExportHasEveryNeighborhood() throws IOException {
    Path out = work.resolve("nyc.fgb");
    CliRun export = cli("export", "nyc", "--format", "fgb", "--out", out.toString());
    assertThat(export.exitCode()).as(export.toString()).isZero();

    java.nio.ByteBuffer bytes =
        java.nio.ByteBuffer.wrap(Files.readAllBytes(out)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertThat(org.wololo.flatgeobuf.Constants.isFlatgeobuf(bytes.duplicate())).isTrue();
    org.wololo.flatgeobuf.HeaderMeta header = org.wololo.flatgeobuf.HeaderMeta.read(bytes);
    assertThat(header.featuresCount).isEqualTo(195);
    assertThat(header.srid).isEqualTo(4326);
    assertThat(header.columns).extracting(c -> c.name).contains("id", "gap_score", "rank");
  }

  @Test
  void homeAdoptionProfileReproducesTheCitysThirtyThreeNeighborhoods() throws IOException {
    CliRun score = cli("score", "nyc", "--profile", "home-adoption");
    assertThat(score.exitCode()).as(score.toString()).isZero();
    Path out = work.resolve("nyc.csv");
    assertThat(cli("export", "nyc", "--format", "csv", "--out", out.toString()).exitCode())
        .isZero();

    byte[] bytes = Files.readAllBytes(out);
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    assertThat(text).contains("\r\n").contains("\"BK72\"");
    List<CSVRecord> rows;
    try (Reader r = new java.io.StringReader(text)) {
      rows =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(r)
              .getRecords();
    }
    double households = 0;
    double home = 0;
    double mobile = 0;
    for (CSVRecord row : rows.subList(0, 33)) {
      double h = Double.parseDouble(row.get("households"));
      households += h;
      home += h * Double.parseDouble(row.get("home_broadband_adoption"));
      mobile += h * Double.parseDouble(row.get("mobile_broadband_adoption"));
    }
    assertThat(rows.get(0).get("rank")).isEqualTo("1");
    assertThat(rows.get(32).get("rank")).isEqualTo("33");
    assertThat(households).isEqualTo(542_318);
    assertThat(Math.round(home / households * 1000) / 10.0).isEqualTo(55.5);
    assertThat(Math.round(mobile / households * 1000) / 10.0).isEqualTo(65.1);

    assertThat(cli("score", "nyc").exitCode()).as("back to the default profile").isZero();
  }

  @Test
  void theSameFileTwiceChangesNothing() {
    String before = cli("export", "nyc", "--format", "csv").out();
    CliRun again = cli("ingest", "nyc", "adoption", imp.toString(), "--preset", "nyc-imp");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already ingested");
    assertThat(cli("export", "nyc", "--format", "csv").out()).isEqualTo(before);
  }

  @Test
  void rejectedInputExitsThreeNamesLineAndColumnAndChangesNothing() throws IOException {
    String before = cli("export", "nyc", "--format", "geojson").out();
    List<String> lines = new ArrayList<>(Files.readAllLines(imp, StandardCharsets.UTF_8));
    int williamsburg = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("BK72,")) {
        williamsburg = i;
      }
    }
    assertThat(williamsburg).isPositive();
    lines.set(williamsburg, lines.get(williamsburg).replace(",0.23,", ",abc,"));
    Path bad = work.resolve("bad-imp.csv");
    Files.write(bad, lines, StandardCharsets.UTF_8);

    CliRun run = cli("ingest", "nyc", "adoption", bad.toString(), "--preset", "nyc-imp");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err())
        .contains("bad-imp.csv")
        .contains("line ")
        .contains("Home Broadband Adoption (Percentage of Households)")
        .contains("\"abc\"");
    assertThat(cli("export", "nyc", "--format", "geojson").out()).isEqualTo(before);
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(cli("frobnicate").exitCode()).isEqualTo(2);
    assertThat(cli("region", "add", "x", "missing.geojson").exitCode())
        .as("missing --id-property")
        .isEqualTo(2);
    CliRun unknownRegion = cli("score", "atlantis");
    assertThat(unknownRegion.exitCode()).isEqualTo(2);
    assertThat(unknownRegion.err()).contains("atlantis");
    assertThat(cli("ingest", "nyc", "teleport", imp.toString()).exitCode()).isEqualTo(2);
    assertThat(cli("export", "nyc", "--format", "shp").exitCode()).isEqualTo(2);
  }

  @Test
  void invalidProfileIsRejectedAndTheCurrentRunStays() throws IOException {
    String before = cli("export", "nyc", "--format", "csv").out();
    Path profile = work.resolve("bad-profile.json");
    Files.writeString(
        profile,
        "{\"name\":\"mine\",\"version\":1,\"indicators\":[{\"name\":\"home_broadband_adoptoin\","
            + "\"weight\":1,\"direction\":\"lower_is_gap\"}]}");
    CliRun run = cli("score", "nyc", "--profile", profile.toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("unknown indicator 'home_broadband_adoptoin'");
    assertThat(cli("export", "nyc", "--format", "csv").out()).isEqualTo(before);
  }

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.isEmpty() && Set.of("region", "ingest", "score", "export").contains(all.get(0))) {
      all.add("--data-dir");
      all.add(dataDir.toString());
    }
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
