package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gapmap.core.model.RunId;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a new run and moving the region's pointer is visible on the next request. */
class RunSwitchTest {
  private static final String ITEMS = "/collections/testville/items";

  @TempDir Path dataDir;

  @Test
  void nextRequestSeesTheNewRun() {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir);
        GapmapServer server = GapmapServer.start(store, 0)) {
      RunId first = TestRegions.populate(store);
      Http http = new Http(server.uri());
      HttpResponse<byte[]> before = http.get(ITEMS + "/N1");
      String etag = before.headers().firstValue("ETag").orElseThrow();
      assertThat(runIdOf(Http.json(before))).isEqualTo(first.value());

      RunId second =
          TestRegions.publish(
              store,
              TestRegions.PUBLISHED,
              TestRegions.FIRST_RUN_AT.plusSeconds(86_400),
              List.of(
                  TestRegions.score("N1", 90.0, 1),
                  TestRegions.score("N2", 10.0, 2),
                  TestRegions.score("N3", 5.0, 3),
                  TestRegions.score("N4", null, null),
                  TestRegions.score("P1", null, null)));

      HttpResponse<byte[]> after = http.get(ITEMS + "/N1", "If-None-Match", etag);
      assertThat(after.statusCode()).isEqualTo(200);
      JsonNode feature = Http.json(after);
      assertThat(runIdOf(feature)).isEqualTo(second.value());
      assertThat(feature.get("properties").get("gap_score").asDouble()).isEqualTo(90.0);
      assertThat(after.headers().firstValue("Last-Modified"))
          .hasValue("Tue, 01 Jul 2025 12:00:00 GMT");
      JsonNode page = Http.json(http.get(ITEMS + "?sortby=-gap_score&limit=1"));
      assertThat(page.get("features").get(0).get("id").asText()).isEqualTo("N1");
      JsonNode full = Http.json(http.get(ITEMS));
      assertThat(runIdOf(full.get("features").get(0))).isEqualTo(second.value());
    }
  }

  @Test
  void theResponsesOfASupersededRunAreDropped() {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir);
        GapmapServer server = GapmapServer.start(store, 0)) {
      RunId first = TestRegions.populate(store);
      Http http = new Http(server.uri());
      EncodedResponses encoded = server.bean(EncodedResponses.class);
      for (String path :
          List.of(ITEMS, ITEMS + "/N1", ITEMS + "?limit=2", "/collections/testville")) {
        assertThat(http.get(path).statusCode()).isEqualTo(200);
      }
      assertThat(encoded.runsKept()).contains(first);
      long keptOfFirst = encoded.size();
      assertThat(keptOfFirst).isPositive();

      RunId second =
          TestRegions.publish(
              store,
              TestRegions.PUBLISHED,
              TestRegions.FIRST_RUN_AT.plusSeconds(86_400),
              List.of(
                  TestRegions.score("N1", 90.0, 1),
                  TestRegions.score("N2", 10.0, 2),
                  TestRegions.score("N3", 5.0, 3),
                  TestRegions.score("N4", null, null),
                  TestRegions.score("P1", null, null)));
      assertThat(http.get(ITEMS + "/N1").statusCode()).isEqualTo(200);

      assertThat(encoded.runsKept()).doesNotContain(first).contains(second);
      assertThat(encoded.size()).isLessThan(keptOfFirst);
      assertThat(http.get(ITEMS + "?run=" + first.value()).statusCode())
          .as("an earlier run is still served, encoded again")
          .isEqualTo(200);
      assertThat(encoded.runsKept()).contains(first, second);
    }
  }

  @Test
  void theResponseCacheTakesAtMostAnEighthOfTheHeap() {
    assertThat(new EncodedResponses(Long.MAX_VALUE).budget())
        .isEqualTo(Runtime.getRuntime().maxMemory() / 8);
    assertThat(new EncodedResponses(1024).budget()).isEqualTo(1024);
  }

  @Test
  void regionIsListedOnceItsFirstRunIsPublished() {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir);
        GapmapServer server = GapmapServer.start(store, 0)) {
      TestRegions.populate(store);
      Http http = new Http(server.uri());
      assertThat(Http.json(http.get("/collections")).get("collections").size()).isEqualTo(1);
      assertThat(http.get("/collections/emptyville").statusCode()).isEqualTo(404);

      TestRegions.publish(
          store,
          TestRegions.UNPUBLISHED,
          Instant.parse("2025-07-02T00:00:00Z"),
          List.of(TestRegions.score("E1", 42.0, 1)));

      assertThat(Http.json(http.get("/collections")).get("collections").size()).isEqualTo(2);
      assertThat(http.get("/collections/emptyville").statusCode()).isEqualTo(200);
    }
  }

  private static String runIdOf(JsonNode feature) {
    return feature.get("properties").get("run_id").asText();
  }
}
