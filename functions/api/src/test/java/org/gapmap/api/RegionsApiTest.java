package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

/**
 * The region resources: run history, run detail, run diffs and priority lists, on a small region
 * scored through the real pipeline under two profiles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionsApiTest {
  private static final RegionId REGION = RegionId.of("smallville");
  private static final Instant T0 = Instant.parse("2025-07-01T10:00:00Z");

  private SqliteScoreStore store;
  private GapmapServer server;
  private Http http;
  private Run balanced;
  private Run home;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    store = SqliteScoreStore.open(dataDir);
    WKTReader wkt = new WKTReader();
    List<Neighborhood> neighborhoods = new java.util.ArrayList<>();
    String[] ids = {"S1", "S2", "S3", "S4"};
    for (int i = 0; i < ids.length; i++) {
      neighborhoods.add(
          new Neighborhood(
              NeighborhoodId.of(ids[i]),
              "Neighborhood " + ids[i],
              "North",
              !ids[i].equals("S4"),
              wkt.read(
                  String.format(
                      java.util.Locale.ROOT,
                      "POLYGON ((%d 0, %d 0, %d 1, %d 1, %d 0))",
                      i,
                      i + 1,
                      i + 1,
                      i,
                      i)),
              1.0));
    }
    store.createRegion(
        new Region(REGION, "Smallville", new BoundingBox(0, 0, 4, 1), 4, "", T0, null, 0),
        neighborhoods);
    Map<NeighborhoodId, Indicators> adoption = new TreeMap<>();
    adoption.put(
        NeighborhoodId.of("S1"),
        Indicators.of(
            Map.of(
                "households", 1000.0,
                "population", 2000.0,
                "home_broadband_adoption", 0.4,
                "mobile_broadband_adoption", 0.5,
                "no_home_broadband_households", 600.0)));
    adoption.put(
        NeighborhoodId.of("S2"),
        Indicators.of(
            Map.of(
                "households", 500.0,
                "home_broadband_adoption", 0.6,
                "mobile_broadband_adoption", 0.9,
                "small_cells_per_km2", 1.0)));
    adoption.put(
        NeighborhoodId.of("S3"),
        Indicators.of(
            Map.of(
                "households", 2000.0,
                "home_broadband_adoption", 0.9,
                "mobile_broadband_adoption", 0.2,
                "small_cells_per_km2", 9.0)));
    store.putUpload(
        new UploadRecord(
            new UploadId("a".repeat(64)),
            REGION,
            UploadKind.ADOPTION,
            "adoption",
            "survey.csv",
            "Smallville survey, CC0",
            T0,
            new UploadRecord.IngestReport(3, 3, 0, 0, List.of()),
            adoption,
            LocalDate.of(2024, 12, 31)));
    balanced =
        new RunPublisher(store, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
            .publish(REGION, ScoringProfiles.builtIn("balanced").orElseThrow());
    home =
        new RunPublisher(store, Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC))
            .publish(REGION, ScoringProfiles.builtIn("home-adoption").orElseThrow());
    server = GapmapServer.start(store, 0);
    http = new Http(server.uri());
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void runsAreListedNewestFirstWithProfileInputsAndTime() {
    HttpResponse<byte[]> response = http.get("/regions/smallville/runs");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(response)).startsWith("application/json");
    assertThat(response.headers().firstValue("ETag")).isPresent();
    JsonNode body = Http.json(response);
    assertThat(body.get("region").asText()).isEqualTo("smallville");
    assertThat(body.get("current_run_id").asText()).isEqualTo(home.id().value());
    JsonNode runs = body.get("runs");
    assertThat(runs).hasSize(2);
    JsonNode newest = runs.get(0);
    assertThat(newest.get("run_id").asText()).isEqualTo(home.id().value());
    assertThat(newest.get("profile").asText()).isEqualTo("home-adoption@2");
    assertThat(newest.get("status").asText()).isEqualTo("PUBLISHED");
    assertThat(newest.get("created_at").asText()).isEqualTo("2025-07-01T10:02:00Z");
    assertThat(newest.get("current").asBoolean()).isTrue();
    JsonNode input = newest.get("inputs").get(0);
    assertThat(input.get("upload_id").asText()).isEqualTo("a".repeat(64));
    assertThat(input.get("kind").asText()).isEqualTo("adoption");
    assertThat(input.get("label").asText()).isEqualTo("adoption");
    assertThat(input.get("source_name").asText()).isEqualTo("survey.csv");
    assertThat(input.get("as_of").asText()).isEqualTo("2024-12-31");
    assertThat(newest.get("links").isArray()).isTrue();
    assertThat(runs.get(1).get("current").asBoolean()).isFalse();
    assertThat(runs.get(1).get("profile").asText()).isEqualTo("balanced@1");

    String etag = response.headers().firstValue("ETag").orElseThrow();
    assertThat(http.get("/regions/smallville/runs", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
  }

  @Test
  void runDetailCarriesTheFullProfileDefinition() {
    JsonNode run = Http.json(http.get("/regions/smallville/runs/" + balanced.id().value()));

    assertThat(run.get("profile").asText()).isEqualTo("balanced@1");
    JsonNode definition = run.get("profile_definition");
    assertThat(definition.get("thresholds").get("unserved").get("download_mbps").asInt())
        .isEqualTo(25);
    assertThat(definition.get("indicators")).hasSize(6);
  }

  @Test
  void diffShowsNeighborhoodsWhoseRankOrScoreChanged() {
    JsonNode diff =
        Http.json(
            http.get(
                "/regions/smallville/runs/"
                    + balanced.id().value()
                    + "/diff/"
                    + home.id().value()));

    assertThat(diff.get("from").get("profile").asText()).isEqualTo("balanced@1");
    assertThat(diff.get("to").get("profile").asText()).isEqualTo("home-adoption@2");
    // balanced: S1 81.25, S2 50, S3 27.27; home-adoption: S1 100, S2 50, S3 0; S4 unranked
    assertThat(diff.get("unchanged_count").asInt()).isEqualTo(2);
    JsonNode changes = diff.get("changes");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).get("id").asText()).isEqualTo("S1");
    assertThat(changes.get(0).get("gap_score_from").asDouble()).isEqualTo(81.25);
    assertThat(changes.get(0).get("gap_score_to").asDouble()).isEqualTo(100);
    assertThat(changes.get(0).get("rank_change").asInt()).isZero();
    for (JsonNode c : changes) {
      boolean rankMoved = !c.get("rank_from").equals(c.get("rank_to"));
      boolean scoreMoved = Math.abs(c.get("gap_score_change").asDouble()) >= 0.005;
      assertThat(rankMoved || scoreMoved).as(c.toString()).isTrue();
    }
    assertThat(changes.get(0).get("rank_to").asInt()).isEqualTo(1);
  }

  @Test
  void prioritiesListTheTopWithHouseholdsReasonsAndTotals() {
    JsonNode body = Http.json(http.get("/regions/smallville/priorities?top=2"));

    assertThat(body.get("region").asText()).isEqualTo("smallville");
    assertThat(body.get("run_id").asText()).isEqualTo(home.id().value());
    assertThat(body.get("profile").asText()).isEqualTo("home-adoption@2");
    assertThat(body.get("top").asInt()).isEqualTo(2);
    JsonNode totals = body.get("totals");
    assertThat(totals.get("households").asDouble()).isEqualTo(1500);
    assertThat(totals.get("population").asDouble()).isEqualTo(2000);
    assertThat(totals.get("no_home_broadband_households").asDouble()).isEqualTo(800);
    assertThat(totals.get("home_broadband_adoption_weighted").asDouble())
        .isEqualTo(0.4667, org.assertj.core.api.Assertions.offset(1e-9));
    assertThat(totals.get("mobile_broadband_adoption_weighted").asDouble())
        .isEqualTo(0.6333, org.assertj.core.api.Assertions.offset(1e-9));
    JsonNode first = body.get("neighborhoods").get(0);
    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("id").asText()).isEqualTo("S1");
    assertThat(first.get("name").asText()).isEqualTo("Neighborhood S1");
    assertThat(first.get("borough").asText()).isEqualTo("North");
    assertThat(first.get("gap_score").asDouble()).isEqualTo(100);
    assertThat(first.get("households_affected").asDouble()).isEqualTo(600);
    assertThat(first.get("reasons").get(0).asText())
        .isEqualTo("low home broadband adoption: 40 %, the lowest of 3 ranked neighborhoods");
    assertThat(first.get("sources").get(0).get("as_of").asText()).isEqualTo("2024-12-31");
    assertThat(body.get("neighborhoods")).hasSize(2);
  }

  @Test
  void prioritiesOfAnEarlierRunAndAsCsv() {
    JsonNode earlier =
        Http.json(http.get("/regions/smallville/priorities?top=3&run=" + balanced.id().value()));
    assertThat(earlier.get("profile").asText()).isEqualTo("balanced@1");
    assertThat(earlier.get("neighborhoods")).hasSize(3);

    HttpResponse<byte[]> csv = http.get("/regions/smallville/priorities?top=2&f=csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(csv)).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment")
        .contains("smallville-priorities-top2");
    byte[] bytes = csv.body();
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    String[] lines = text.split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("\"rank\",\"id\",\"name\"");
    assertThat(lines[1])
        .startsWith("1,\"S1\",\"Neighborhood S1\",\"North\",100,1000,600,2000,0.4,");
    assertThat(lines[3])
        .startsWith("\"Total\",,\"2 neighborhoods\",,,1500,800,2000,0.4667,0.6333,");
  }

  @Test
  void badRequestsAreJsonErrors() {
    assertError(http.get("/regions/nowhere/runs"), 404, "NotFound");
    assertError(http.get("/regions/smallville/priorities?top=0"), 400, "InvalidParameterValue");
    assertError(http.get("/regions/smallville/priorities?top=ten"), 400, "InvalidParameterValue");
    assertError(http.get("/regions/smallville/priorities?limit=3"), 400, "UnknownParameter");
    assertError(http.get("/regions/smallville/priorities?f=xlsx"), 400, "InvalidParameterValue");
    assertError(
        http.get("/regions/smallville/priorities?run=20990101T000000.000Z-0000"), 404, "NotFound");
    assertError(http.get("/regions/smallville/runs/not-a-run"), 404, "NotFound");
    assertError(
        http.get("/regions/smallville/runs/" + home.id().value() + "/diff/nope"), 404, "NotFound");
  }

  @Test
  void regionsAreListedWithTheirLinks() {
    JsonNode body = Http.json(http.get("/regions"));

    assertThat(body.get("regions")).hasSize(1);
    assertThat(body.get("regions").get(0).get("id").asText()).isEqualTo("smallville");
    assertThat(body.get("regions").get(0).get("current_run_id").asText())
        .isEqualTo(home.id().value());
  }

  private static void assertError(HttpResponse<byte[]> response, int status, String code) {
    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(status);
    assertThat(Http.json(response).get("code").asText()).isEqualTo(code);
  }
}
