package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    try (Server server = Server.start(jar, data, work.resolve("first.log"))) {
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

    try (Server server = Server.start(jar, data, work.resolve("second.log"))) {
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

  /** A {@code gapmap serve} process on a free port. */
  private record Server(Process process, int port, Path logFile) implements AutoCloseable {
    static Server start(Path jar, Path data, Path log) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  jar.toString(),
                  "serve",
                  "--port",
                  Integer.toString(port),
                  "--data-dir",
                  data.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Server server = new Server(p, port, log);
      server.awaitReady(Duration.ofSeconds(120));
      return server;
    }

    URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }

    String log() throws IOException {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    }

    private void awaitReady(Duration timeout) throws Exception {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new AssertionError("gapmap serve exited " + process.exitValue() + ":\n" + log());
        }
        try {
          HttpResponse<Void> r =
              HTTP.send(
                  HttpRequest.newBuilder(uri("/collections")).build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(250);
      }
      close();
      throw new AssertionError("gapmap serve not ready within " + timeout + ":\n" + log());
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
