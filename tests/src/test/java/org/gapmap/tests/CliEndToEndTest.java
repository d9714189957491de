package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.gapmap.api.GapmapServer;
import org.gapmap.store.embedded.SqliteScoreStore;
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

  /**
   * The city's figure, as a grant officer gets it: the priorities CSV export and the priorities
   * endpoint both report the totals of the top 33 under {@code home-adoption}.
   */
  @Test
  void prioritiesExportAndEndpointReportTheCitysTotals() throws Exception {
    assertThat(cli("score", "nyc", "--profile", "home-adoption").exitCode()).isZero();
    try {
      Path out = work.resolve("nyc-top33.csv");
      CliRun export =
          cli("export", "nyc", "--format", "csv", "--top", "33", "--out", out.toString());
      assertThat(export.exitCode()).as(export.toString()).isZero();
      assertThat(export.err())
          .contains("542,318 households")
          .contains("home broadband adoption 55.5 %")
          .contains("mobile 65.1 %");
      List<CSVRecord> rows = csv(Files.readAllBytes(out));
      assertThat(rows).hasSize(34);
      assertThat(rows.get(32).get("rank")).isEqualTo("33");
      CSVRecord total = rows.get(33);
      assertThat(total.get("ranked")).isEqualTo("total");
      assertThat(total.get("name")).isEqualTo("Total of 33 neighborhoods");
      assertThat(total.get("households")).isEqualTo("542318");
      assertThat(percent(total.get("home_broadband_adoption"))).isEqualTo(55.5);
      assertThat(percent(total.get("mobile_broadband_adoption"))).isEqualTo(65.1);
      assertThat(rows.get(0).get("sources")).contains("nyc_internet_master_plan_by_nta2010.csv");

      try (SqliteScoreStore store = SqliteScoreStore.open(dataDir);
          GapmapServer server = GapmapServer.start(store, 0)) {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> response =
            client.send(
                HttpRequest.newBuilder(server.uri().resolve("/regions/nyc/priorities?top=33"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("profile").asText()).isEqualTo("home-adoption@2");
        JsonNode totals = body.get("totals");
        assertThat(totals.get("neighborhoods").asInt()).isEqualTo(33);
        assertThat(totals.get("households").asLong()).isEqualTo(542_318);
        assertThat(percent(totals.get("home_broadband_adoption_weighted").asText()))
            .isEqualTo(55.5);
        assertThat(percent(totals.get("mobile_broadband_adoption_weighted").asText()))
            .isEqualTo(65.1);
        assertThat(totals.get("no_home_broadband_households").asLong())
            .as("the Internet Master Plan's own count, summed")
            .isEqualTo(241_547);
        JsonNode first = body.get("neighborhoods").get(0);
        assertThat(first.get("id").asText()).isEqualTo("BK72");
        assertThat(first.get("households_affected").asLong()).isEqualTo(6421);
        assertThat(first.get("reasons").get(0).asText())
            .isEqualTo("low home broadband adoption: 23 %, the lowest of 188 ranked neighborhoods");

        HttpResponse<byte[]> csv =
            client.send(
                HttpRequest.newBuilder(server.uri().resolve("/regions/nyc/priorities?top=33&f=csv"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        List<CSVRecord> table = csv(csv.body());
        assertThat(table).hasSize(34);
        CSVRecord sum = table.get(33);
        assertThat(sum.get("rank")).isEqualTo("Total");
        assertThat(sum.get("households")).isEqualTo("542318");
        assertThat(percent(sum.get("home_broadband_adoption"))).isEqualTo(55.5);
        assertThat(percent(sum.get("mobile_broadband_adoption"))).isEqualTo(65.1);
      }
    } finally {
      assertThat(cli("score", "nyc").exitCode()).as("back to the default profile").isZero();
    }
  }

  @Test
  void sensitivityReportsRankRangesOfTheTop() {
    CliRun run = cli("score", "nyc", "--profile", "balanced", "--sensitivity", "--top", "10");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("sensitivity of the top 10 under balanced@1")
        .contains("weights with data ×0.8 and ×1.2")
        .contains("(6 scenarios)")
        .contains("BK72")
        .containsPattern("\\d+ of the top 10 stay in the top 10 in every scenario");
  }

  @Test
  void badProfilesAndStatesExitThreeAndLeaveTheRunsAlone() throws IOException {
    String before = cli("export", "nyc", "--format", "csv").out();
    long runsBefore = runCount();
    String one = "{\"name\":\"mine\",\"version\":1,\"indicators\":[%s]}";
    Map<String, String> bad = new java.util.LinkedHashMap<>();
    bad.put(
        "negative.json",
        String.format(
            one,
            "{\"name\":\"home_broadband_adoption\",\"weight\":-1,\"direction\":\"lower_is_gap\"}"));
    bad.put(
        "zero.json",
        String.format(
            one,
            "{\"name\":\"home_broadband_adoption\",\"weight\":0,\"direction\":\"lower_is_gap\"},"
                + "{\"name\":\"mobile_broadband_adoption\",\"weight\":0,\"direction\":\"lower_is_gap\"}"));
    bad.put("empty.json", String.format(one, ""));
    Map<String, String> messages =
        Map.of(
            "negative.json", "'weight' must be greater than 0, found -1",
            "zero.json", "every weight is 0: nothing to score",
            "empty.json", "'indicators' is empty: nothing to score");
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Path file = work.resolve(e.getKey());
      Files.writeString(file, e.getValue());
      CliRun run = cli("score", "nyc", "--profile", file.toString());
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.err()).contains(e.getKey()).contains(messages.get(e.getKey()));
    }

    CliRun bead = cli("score", "nyc", "--profile", "bead");
    assertThat(bead.exitCode()).as(bead.toString()).isEqualTo(3);
    assertThat(bead.err()).contains("nothing to score").contains("unserved_share");

    assertThat(cli("export", "nyc", "--format", "csv").out()).isEqualTo(before);
    assertThat(runCount()).isEqualTo(runsBefore);

    Path nta = NycData.copy(NycData.NTA2010, work);
    assertThat(
            cli(
                    "region",
                    "add",
                    "empty",
                    nta.toString(),
                    "--id-property",
                    "NTACode",
                    "--name-property",
                    "NTAName")
                .exitCode())
        .isZero();
    CliRun empty = cli("score", "empty", "--profile", "home-adoption");
    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(3);
    assertThat(empty.err()).contains("no uploads to score");
  }

  @Test
  void customProfileStaysInForceWhenAnIngestRescoresAndSourcesCarryTheAsOfDate()
      throws IOException {
    Path mine = work.resolve("mine.json");
    Files.writeString(
        mine,
        "{\"name\":\"mine\",\"version\":3,\"indicators\":["
            + "{\"name\":\"home_broadband_adoption\",\"weight\":2,\"direction\":\"lower_is_gap\"},"
            + "{\"name\":\"mobile_broadband_adoption\",\"weight\":1,\"direction\":\"lower_is_gap\"}]}");
    assertThat(cli("score", "nyc", "--profile", mine.toString()).out()).contains("profile mine@3");
    try {
      List<String> lines =
          Files.readAllLines(NycData.copy(NycData.POLES, work), StandardCharsets.UTF_8);
      Path fewer = work.resolve("poles-fewer.csv");
      Files.write(fewer, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);

      CliRun ingest =
          cli(
              "ingest",
              "nyc",
              "points",
              fewer.toString(),
              "--label",
              "poles_2021",
              "--as-of",
              "2021-03-31");
      assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
      assertThat(ingest.out()).contains("profile mine@3");

      Path out = work.resolve("mine.geojson");
      assertThat(cli("export", "nyc", "--format", "geojson", "--out", out.toString()).exitCode())
          .isZero();
      JsonNode sources =
          feature(JSON.readTree(out.toFile()).get("features"), "BK72").at("/properties/sources");
      JsonNode poles = null;
      for (JsonNode source : sources) {
        if (source.get("label").asText().equals("poles_2021")) {
          poles = source;
        }
      }
      assertThat(poles).as(sources.toString()).isNotNull();
      assertThat(poles.get("as_of").asText()).isEqualTo("2021-03-31");
      assertThat(poles.get("source_name").asText()).isEqualTo("poles-fewer.csv");
      assertThat(poles.get("indicators").toString()).contains("poles_2021_count");
    } finally {
      assertThat(cli("score", "nyc").exitCode()).isZero();
    }
  }

  @Test
  void asOfDateMustBeADate() {
    CliRun run =
        cli("ingest", "nyc", "adoption", imp.toString(), "--preset", "nyc-imp", "--as-of", "2021");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--as-of");
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
    assertThat(cli("export", "nyc", "--format", "csv", "--top", "0").exitCode()).isEqualTo(2);
    CliRun topWithoutSensitivity = cli("score", "nyc", "--top", "5");
    assertThat(topWithoutSensitivity.exitCode()).isEqualTo(2);
    assertThat(topWithoutSensitivity.err()).contains("only apply with --sensitivity");
    assertThat(cli("score", "nyc", "--profile", "no-such-profile").exitCode()).isEqualTo(2);
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

  private long runCount() {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir)) {
      return store.runs(org.gapmap.core.model.RegionId.of("nyc")).size();
    }
  }

  private static List<CSVRecord> csv(byte[] bytes) throws IOException {
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    try (Reader r = new java.io.StringReader(text)) {
      return CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(r)
          .getRecords();
    }
  }

  /** A 0–1 share as a percentage with one decimal. */
  private static double percent(String share) {
    return Math.round(Double.parseDouble(share) * 1000) / 10.0;
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
