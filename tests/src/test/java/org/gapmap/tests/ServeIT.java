package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started the way {@code ./gapmap serve} starts it, on a fresh data directory: it
 * seeds the NYC demo region and serves it; restarted on the same directory it serves the same run
 * without seeding again.
 */
class ServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Set<String> REQUIRED =
      Set.of(
          "id",
          "name",
          "borough",
          "households",
          "home_broadband_adoption",
          "mobile_broadband_adoption",
          "small_cells_count",
          "small_cells_per_km2",
          "gap_score",
          "rank",
          "run_id",
          "computed_at");

  @TempDir Path work;

  @Test
  void servesTheSeededDemoRegionAndKeepsItAcrossRestarts() throws Exception {
    Path jar = Path.of(System.getProperty("gapmap.jar"));
    assertThat(jar).as("the packaged command-line jar").exists();
    Path data = work.resolve("data");

    String firstRun;
    try (ServedJar server = ServedJar.start(jar, data, work.resolve("first.log"))) {
      JsonNode page = getJson(server.uri("/collections/nyc-nta2010/items?limit=1000"));
      JsonNode features = page.get("features");
      assertThat(features).hasSize(195);
      assertThat(page.get("numberMatched").asInt()).isEqualTo(195);

      List<Integer> ranks = new ArrayList<>();
      for (JsonNode f : features) {
        Set<String> names = new TreeSet<>();
        f.get("properties").fieldNames().forEachRemaining(names::add);
        assertThat(names).as("properties of %s", f.get("id")).containsAll(REQUIRED);
        if (!f.at("/properties/rank").isNull()) {
          ranks.add(f.at("/properties/rank").asInt());
        }
        if (f.get("id").asText().equals("BK72")) {
          assertThat(f.at("/properties/home_broadband_adoption").asDouble()).isEqualTo(0.23);
        }
      }
      assertThat(new TreeSet<>(ranks)).hasSize(188).first().isEqualTo(1);
      assertThat(new TreeSet<>(ranks).last()).isEqualTo(188);
      firstRun = features.get(0).at("/properties/run_id").asText();

      HttpResponse<String> map =
          HTTP.send(
              HttpRequest.newBuilder(server.uri("/")).header("Accept", "text/html").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(map.statusCode()).isEqualTo(200);
      assertThat(map.body()).contains("leaflet");
      assertThat(server.log()).contains("seeding the demo region");
    }

    try (ServedJar server = ServedJar.start(jar, data, work.resolve("second.log"))) {
      JsonNode one = getJson(server.uri("/collections/nyc-nta2010/items/BK72"));
      assertThat(one.at("/properties/run_id").asText()).isEqualTo(firstRun);
      assertThat(server.log()).doesNotContain("seeding the demo region");
    }
  }

  private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
