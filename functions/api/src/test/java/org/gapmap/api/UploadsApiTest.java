package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.gapmap.core.model.RegionId;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload endpoint's controls: bearer token (401, 403), content types (415), body size (413),
 * decompression bombs and rejected input (422, naming line and column), and the ingest itself (201,
 * then 200 for the same bytes), without CORS headers and without echoing the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadsApiTest {
  private static final String TOKEN = "s3cret-t0ken-for-tests-0123456789";
  private static final RegionId REGION = TestRegions.PUBLISHED;
  private static final String POINTS =
      "latitude,longitude\n40.705,-73.985\n40.706,-73.975\n40.704,-73.984\n";

  private SqliteScoreStore store;
  private GapmapServer server;
  private GapmapServer readOnly;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    store = SqliteScoreStore.open(dataDir);
    TestRegions.populate(store);
    server =
        GapmapServer.start(
            store, 0, WriteAccess.withToken(TOKEN), new UploadLimits(64 * 1024, 1 << 20));
    readOnly = GapmapServer.start(store, 0);
  }

  @AfterAll
  void stop() {
    server.close();
    readOnly.close();
    store.close();
  }

  @Test
  void withoutTokenIs401AndWrongTokenIs403() {
    HttpResponse<byte[]> none = post(server, "kind=points", "text/csv", null, POINTS.getBytes());
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(Http.json(none).path("code").asText()).isEqualTo("Unauthorized");

    HttpResponse<byte[]> wrong =
        post(server, "kind=points", "text/csv", TOKEN + "x", POINTS.getBytes());
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(Http.text(wrong)).doesNotContain(TOKEN).doesNotContain("Exception");

    HttpResponse<byte[]> basic = postWith(server, "kind=points", "Basic " + TOKEN);
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(store.uploads(REGION)).isEmpty();
  }

  @Test
  void aServerWithoutTokenRefusesEveryWrite() {
    HttpResponse<byte[]> r =
        post(readOnly, "kind=points", "text/csv", TOKEN, POINTS.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Http.json(r).path("description").asText()).contains("accepts no uploads");
  }

  @Test
  void uploadIsIngestedPublishedThenRecognised() {
    byte[] body = "lat,lon\n40.7051,-73.9851\n40.7151,-73.9752\n".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> created =
        post(server, "kind=points&label=towers&name=towers.csv", "text/csv", TOKEN, body);
    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    JsonNode json = Http.json(created);
    assertThat(json.path("kind").asText()).isEqualTo("points");
    assertThat(json.path("rowsRead").asLong()).isEqualTo(2);
    assertThat(json.path("alreadyIngested").asBoolean()).isFalse();
    String uploadId = json.path("uploadId").asText();
    assertThat(store.uploads(REGION))
        .anySatisfy(u -> assertThat(u.id().sha256()).isEqualTo(uploadId));
    if (!json.path("runId").isNull()) {
      assertThat(store.region(REGION).orElseThrow().currentRun().orElseThrow().value())
          .isEqualTo(json.path("runId").asText());
    }

    // The public side serves aggregates only: no uploaded coordinate appears in any read.
    for (String read :
        List.of(
            "/collections/testville/items?limit=100",
            "/regions/testville/runs",
            "/regions/testville/runs/"
                + store.region(REGION).orElseThrow().currentRun().orElseThrow().value())) {
      HttpResponse<byte[]> r = post(server, null, null, null, null, read);
      assertThat(r.statusCode()).as(read).isEqualTo(200);
      assertThat(Http.text(r)).as(read).doesNotContain("40.7051").doesNotContain("73.9851");
    }

    HttpResponse<byte[]> again =
        post(server, "kind=points&label=towers&name=towers.csv", "text/csv", TOKEN, body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(Http.json(again).path("alreadyIngested").asBoolean()).isTrue();
    assertThat(Http.json(again).path("uploadId").asText()).isEqualTo(uploadId);
  }

  @Test
  void concurrentUploadsAllEndUpInThePublishedRun() throws Exception {
    byte[] adoption =
        ("id,households,home_broadband_adoption\nN1,100,0.5\nN2,200,0.7\nN3,300,0.6\n"
                + "N4,400,0.9\n")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(post(server, "kind=adoption", "text/csv", TOKEN, adoption).statusCode())
        .isIn(200, 201);
    int n = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      List<java.util.concurrent.Future<HttpResponse<byte[]>>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        byte[] body = ("lat,lon\n40.70" + i + "5,-73.985" + i + "\n").getBytes();
        String query = "kind=points&label=concurrent_" + i;
        futures.add(pool.submit(() -> post(server, query, "text/csv", TOKEN, body)));
      }
      java.util.Set<String> accepted = new java.util.HashSet<>();
      for (java.util.concurrent.Future<HttpResponse<byte[]>> f : futures) {
        HttpResponse<byte[]> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(201);
        assertThat(Http.json(r).path("runId").isNull()).isFalse();
        accepted.add(Http.json(r).path("uploadId").asText());
      }
      org.gapmap.core.model.Run current =
          store
              .run(REGION, store.region(REGION).orElseThrow().currentRun().orElseThrow())
              .orElseThrow();
      assertThat(current.inputs().stream().map(u -> u.sha256()).toList()).containsAll(accepted);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectedInputIs422NamingLineAndColumn() {
    int before = store.uploads(REGION).size();
    byte[] body = "latitude,longitude\n40.705,-73.985\n40.706,north\n".getBytes();
    HttpResponse<byte[]> r = post(server, "kind=points&label=bad", "text/csv", TOKEN, body);
    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode json = Http.json(r);
    assertThat(json.path("code").asText()).isEqualTo("InputRejected");
    assertThat(json.path("description").asText()).contains("line 3").contains("longitude");
    assertThat(Http.text(r)).doesNotContain("gapmap-upload-").doesNotContain("\tat ");
    assertThat(store.uploads(REGION)).hasSize(before);
  }

  @Test
  void wrongContentTypeIs415() {
    HttpResponse<byte[]> r = post(server, "kind=points", "image/png", TOKEN, POINTS.getBytes());
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(Http.json(r).path("code").asText()).isEqualTo("UnsupportedMediaType");
  }

  @Test
  void missingOrUnknownKindIs400() {
    assertThat(post(server, "", "text/csv", TOKEN, POINTS.getBytes()).statusCode()).isEqualTo(400);
    HttpResponse<byte[]> r = post(server, "kind=pixels", "text/csv", TOKEN, POINTS.getBytes());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Http.json(r).path("description").asText()).contains("unknown kind 'pixels'");
    assertThat(
            post(server, "kind=points&name=..%2Fetc%2Fpasswd", "text/csv", TOKEN, POINTS.getBytes())
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void unknownRegionIs404() {
    HttpResponse<byte[]> r =
        post(server, "kind=points", "text/csv", TOKEN, POINTS.getBytes(), "/regions/nowhere");
    assertThat(r.statusCode()).isEqualTo(404);
  }

  @Test
  void oversizedBodyIs413() {
    byte[] big = new byte[100 * 1024];
    java.util.Arrays.fill(big, (byte) '1');
    HttpResponse<byte[]> r = post(server, "kind=points", "text/csv", TOKEN, big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(store.uploads(REGION).stream().filter(u -> u.label().equals("points"))).isEmpty();
  }

  @Test
  void gzipBombIsRejected() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("latitude,longitude\n".getBytes());
      byte[] row = "40.705,-73.985\n".repeat(10_000).getBytes();
      for (int i = 0; i < 20; i++) { // 3 MB decoded, beyond the 1 MiB limit
        gz.write(row);
      }
    }
    assertThat(bytes.size()).isLessThan(64 * 1024);
    HttpResponse<byte[]> r =
        post(server, "kind=points&label=bomb", "application/gzip", TOKEN, bytes.toByteArray());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Http.json(r).path("description").asText()).contains("decompression bomb");
    assertThat(store.uploads(REGION).stream().filter(u -> u.label().equals("bomb"))).isEmpty();
  }

  @Test
  void readsStayPublicAndPostHasNoCors() {
    HttpResponse<byte[]> read = post(server, null, null, null, null, "/collections");
    assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<byte[]> options =
        send(
            HttpRequest.newBuilder(server.uri().resolve("/regions/testville/uploads"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://example.org")
                .header("Access-Control-Request-Method", "POST")
                .build());
    assertThat(options.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .doesNotContain("POST");
  }

  private HttpResponse<byte[]> postWith(GapmapServer target, String query, String authorization) {
    return send(
        HttpRequest.newBuilder(target.uri().resolve("/regions/testville/uploads?" + query))
            .header("Content-Type", "text/csv")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofByteArray(POINTS.getBytes()))
            .build());
  }

  private HttpResponse<byte[]> post(
      GapmapServer target, String query, String type, String token, byte[] body) {
    return post(target, query, type, token, body, "/regions/testville");
  }

  private HttpResponse<byte[]> post(
      GapmapServer target, String query, String type, String token, byte[] body, String path) {
    if (body == null) {
      return send(HttpRequest.newBuilder(target.uri().resolve(path)).GET().build());
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target.uri() + path + "/uploads?" + query))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(
          HttpRequest.newBuilder(request, (n, v) -> true)
              .timeout(java.time.Duration.ofSeconds(20))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
