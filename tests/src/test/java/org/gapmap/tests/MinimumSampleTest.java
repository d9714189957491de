package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gapmap.api.GapmapServer;
import org.gapmap.core.model.RegionId;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smallest sample a statistic is published from is the profile's {@code minimum_sample}, kept
 * with each run's profile definition: a median over five speed tests is published under k = 3 and
 * withheld under the default k = 10, in exports, the API's features and its priority list alike; an
 * ingest keeps the run's k; an invalid k is rejected and the current run stays; only the data
 * owner's local export can ask for everything ({@code --no-suppression}).
 */
class MinimumSampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEDIAN = "measured_download_mbps_median";

  @TempDir Path work;

  @Test
  void kComesFromTheRunsProfileAndAnInvalidKChangesNothing() throws Exception {
    Path dataDir = work.resolve("data");
    ok(
        dataDir,
        "region",
        "add",
        "grid",
        write("grid.geojson", grid()),
        "--id-property",
        "id",
        "--name-property",
        "id");
    ok(
        dataDir,
        "ingest",
        "grid",
        "adoption",
        write("adoption.csv", "nta,adoption\nA,0.5\nB,0.7\nC,0.9\n"),
        "--map",
        "id=nta",
        "--map",
        "home_broadband_adoption=adoption");
    // five speed tests in A (median 30 Mbps), twelve in B
    StringBuilder tests = new StringBuilder("latitude,longitude,download_mbps,upload_mbps\n");
    for (int i = 0; i < 5; i++) {
      tests.append(String.format(Locale.ROOT, "40.751%d,-73.985,%d,5\n", i, 10 + 10 * i));
    }
    for (int i = 0; i < 12; i++) {
      tests.append(String.format(Locale.ROOT, "40.752%d,-73.975,%d,10\n", i % 10, 100 + i));
    }
    ok(dataDir, "ingest", "grid", "measurements", write("tests.csv", tests.toString()));
    String k3 = write("k3.json", profile(1, ", \"minimum_sample\": 3"));
    String k10 = write("k10.json", profile(2, ""));

    ok(dataDir, "score", "grid", "--profile", k3);
    JsonNode a = feature(dataDir, "A");
    assertThat(a.at("/properties/measurement_count").asInt()).isEqualTo(5);
    assertThat(a.at("/properties/" + MEDIAN).asDouble()).as("5 ≥ k = 3").isEqualTo(30.0);
    assertThat(a.at("/properties/suppressed").size()).isZero();
    assertThat(a.at("/properties/contributions/" + MEDIAN).isNumber()).isTrue();
    assertApi(dataDir, true);

    // An ingest rescores with the run's stored definition: k stays 3.
    ok(
        dataDir,
        "ingest",
        "grid",
        "points",
        write("poles.csv", "lat,lon\n40.755,-73.965\n"),
        "--label",
        "poles");
    assertThat(feature(dataDir, "A").at("/properties/" + MEDIAN).asDouble()).isEqualTo(30.0);

    ok(dataDir, "score", "grid", "--profile", k10);
    a = feature(dataDir, "A");
    assertThat(a.at("/properties/" + MEDIAN).isNull()).as("5 < k = 10").isTrue();
    assertThat(a.at("/properties/suppressed/" + MEDIAN).asText()).isEqualTo("small sample");
    assertThat(a.at("/properties/contributions").has(MEDIAN)).isFalse();
    assertThat(a.at("/properties/measurement_count").asInt()).as("counts stay").isEqualTo(5);
    assertThat(feature(dataDir, "B").at("/properties/" + MEDIAN).asDouble())
        .as("12 ≥ k = 10")
        .isEqualTo(105.5);
    assertApi(dataDir, false);

    // The data owner's own export, on request: everything, with a warning.
    CliRun everything = ok(dataDir, "export", "grid", "--format", "geojson", "--no-suppression");
    assertThat(everything.err()).contains("keep this export private");
    JsonNode all = feature(JSON.readTree(everything.out()), "A");
    assertThat(all.at("/properties/" + MEDIAN).asDouble()).isEqualTo(30.0);
    assertThat(all.at("/properties/suppressed").size()).isZero();
    for (String format : List.of("csv", "fgb")) {
      CliRun withheld = ok(dataDir, "export", "grid", "--format", format);
      CliRun shown = ok(dataDir, "export", "grid", "--format", format, "--no-suppression");
      assertThat(shown.out()).as(format).isNotEqualTo(withheld.out());
    }
    String csvWithheld = ok(dataDir, "export", "grid", "--format", "csv", "--top", "3").out();
    String csvShown =
        ok(dataDir, "export", "grid", "--format", "csv", "--top", "3", "--no-suppression").out();
    assertThat(csvCell(csvShown, "A", MEDIAN)).isEqualTo("30");
    assertThat(csvCell(csvWithheld, "A", MEDIAN)).isEmpty();
    assertThat(csvCell(csvWithheld, "B", MEDIAN)).isEqualTo("105.5");

    // An invalid k: exit 3, a clear message, the current run stays.
    String before = ok(dataDir, "export", "grid", "--format", "csv").out();
    long runs = runCount(dataDir);
    for (String bad : List.of("0", "-1", "2.5", "\"ten\"")) {
      String file = write("bad-k.json", profile(3, ", \"minimum_sample\": " + bad));
      CliRun run = CliRun.of("score", "grid", "--profile", file, "--data-dir", dataDir.toString());
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
      assertThat(run.err())
          .contains("bad-k.json")
          .contains("'minimum_sample' must be a whole number of 1 or more")
          .contains("found " + bad);
    }
    assertThat(ok(dataDir, "export", "grid", "--format", "csv").out()).isEqualTo(before);
    assertThat(runCount(dataDir)).isEqualTo(runs);
  }

  /** The API serves what the current run's k lets it; no parameter turns suppression off. */
  private void assertApi(Path dataDir, boolean shown) throws Exception {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir);
        GapmapServer server = GapmapServer.start(store, 0)) {
      HttpClient client = HttpClient.newHttpClient();
      JsonNode item = get(client, server, "/collections/grid/items/A", 200);
      assertThat(item.at("/properties/" + MEDIAN).isNull()).isEqualTo(!shown);
      JsonNode priorities = get(client, server, "/regions/grid/priorities?top=3", 200);
      JsonNode entryA = null;
      for (JsonNode n : priorities.get("neighborhoods")) {
        if (n.get("id").asText().equals("A")) {
          entryA = n;
        }
      }
      assertThat(entryA).isNotNull();
      assertThat(entryA.get("contributions").has(MEDIAN)).isEqualTo(shown);
      assertThat(entryA.get("suppressed").has(MEDIAN)).isEqualTo(!shown);
      assertThat(entryA.get("reasons").toString().contains("measured download"))
          .as("a withheld statistic gives no reason")
          .isEqualTo(shown);
      get(client, server, "/collections/grid/items?suppression=none", 400);
    }
  }

  private static JsonNode get(HttpClient client, GapmapServer server, String path, int status)
      throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(server.uri().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** The cell of {@code column} in the row of neighborhood {@code id} of a CSV export. */
  private static String csvCell(String csv, String id, String column) throws IOException {
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv.substring(1)))) {
      for (CSVRecord row : parser) {
        if (row.get("id").equals(id)) {
          return row.get(column);
        }
      }
    }
    throw new AssertionError("no row " + id);
  }

  private JsonNode feature(Path dataDir, String id) throws IOException {
    return feature(JSON.readTree(ok(dataDir, "export", "grid", "--format", "geojson").out()), id);
  }

  private static JsonNode feature(JsonNode collection, String id) {
    for (JsonNode f : collection.get("features")) {
      if (f.get("id").asText().equals(id)) {
        return f;
      }
    }
    throw new AssertionError("no feature " + id);
  }

  private static long runCount(Path dataDir) {
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir)) {
      return store.runs(RegionId.of("grid")).size();
    }
  }

  private static String profile(int version, String minimumSample) {
    return "{\"name\": \"small-areas\", \"version\": "
        + version
        + minimumSample
        + ", \"indicators\": ["
        + "{\"name\": \"home_broadband_adoption\", \"weight\": 1, \"direction\": \"lower_is_gap\"},"
        + "{\"name\": \"measured_download_mbps_median\", \"weight\": 3,"
        + " \"direction\": \"lower_is_gap\", \"reason\": \"slow measured download speed\"}]}";
  }

  /** Three 0.01° squares side by side in Manhattan: A, B, C. */
  private static String grid() {
    List<String> features = new ArrayList<>();
    String[] ids = {"A", "B", "C"};
    for (int i = 0; i < ids.length; i++) {
      double west = -73.99 + 0.01 * i;
      double east = west + 0.01;
      features.add(
          String.format(
              Locale.ROOT,
              "{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\"},\"geometry\":{\"type\":"
                  + "\"Polygon\",\"coordinates\":[[[%.2f,40.75],[%.2f,40.75],[%.2f,40.76],"
                  + "[%.2f,40.76],[%.2f,40.75]]]}}",
              ids[i],
              west,
              east,
              east,
              west,
              west));
    }
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  private String write(String name, String content) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, content);
    return file.toString();
  }

  private static CliRun ok(Path dataDir, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data-dir");
    all.add(dataDir.toString());
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }
}
