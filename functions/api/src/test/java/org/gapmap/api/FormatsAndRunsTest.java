package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.gapmap.core.model.RunId;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The representations beyond GeoJSON (the API definition, HTML pages, CSV, FlatGeobuf, downloads),
 * property filters, {@code run=} for a run that is no longer current, precompressed responses and
 * request limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatsAndRunsTest {
  private static final String COLLECTION = "/collections/testville";
  private static final String ITEMS = COLLECTION + "/items";

  private SqliteScoreStore store;
  private GapmapServer server;
  private Http http;
  private RunId first;
  private RunId second;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    store = SqliteScoreStore.open(dataDir);
    first = TestRegions.populate(store);
    second =
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
    server = GapmapServer.start(store, 0);
    http = new Http(server.uri());
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void apiIsOpenApi30WithTheParametersClientsRead() {
    HttpResponse<byte[]> response = http.get("/api");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(response))
        .isEqualTo("application/vnd.oai.openapi+json;version=3.0");
    JsonNode api = Http.json(response);
    assertThat(api.get("openapi").asText()).startsWith("3.0");
    assertThat(api.at("/servers/0/url").asText()).isEqualTo(server.uri().toString());
    JsonNode limit = api.at("/components/parameters/limit/schema");
    assertThat(limit.get("minimum").asInt()).isEqualTo(1);
    assertThat(limit.get("maximum").asInt()).isEqualTo(ItemsQuery.MAX_LIMIT);
    assertThat(limit.get("default").asInt()).isEqualTo(ItemsQuery.DEFAULT_LIMIT);
    JsonNode bbox = api.at("/components/parameters/bbox/schema");
    assertThat(bbox.get("minItems").asInt()).isEqualTo(4);
    assertThat(bbox.get("maxItems").asInt()).isEqualTo(6);
    assertThat(api.at("/components/parameters/collectionId/schema/enum").get(0).asText())
        .isEqualTo("testville");
    List<String> declared = new ArrayList<>();
    for (JsonNode p : api.at("/paths/~1collections~1{collectionId}~1items/get/parameters")) {
      JsonNode parameter = api.at(p.get("$ref").asText().substring(1));
      if (parameter.get("in").asText().equals("query")) {
        declared.add(parameter.get("name").asText());
      }
    }
    List<String> accepted = new ArrayList<>(ItemsQuery.PARAMETERS);
    accepted.addAll(PropertyFilter.PARAMETERS);
    assertThat(declared)
        .as("every accepted parameter is declared")
        .containsExactlyInAnyOrderElementsOf(accepted);
    assertThat(Http.contentType(http.get("/api?f=html"))).startsWith("text/html");
  }

  @Test
  void everyResourceHasAnHtmlPage() {
    for (String path :
        List.of("/conformance", "/collections", COLLECTION, ITEMS, ITEMS + "/N2", "/api")) {
      HttpResponse<byte[]> byAccept = http.get(path, "Accept", "text/html,*/*;q=0.8");
      assertThat(byAccept.statusCode()).as(path).isEqualTo(200);
      assertThat(Http.contentType(byAccept)).as(path).startsWith("text/html");
      String html = Http.text(byAccept);
      assertThat(html).as(path).startsWith("<!DOCTYPE html>").contains("</html>");
      HttpResponse<byte[]> byF = http.get(path + "?f=html");
      assertThat(Http.contentType(byF)).as(path).startsWith("text/html");
    }
    assertThat(Http.text(http.get(ITEMS + "?f=html&limit=2")))
        .contains("Alpha")
        .contains("rel=\"next\"")
        .contains("of 5 matching");
    assertThat(Http.text(http.get(ITEMS + "/N2?f=html"))).contains("Bravo").contains("gap_score");
  }

  @Test
  void csvOpensInSpreadsheets() {
    HttpResponse<byte[]> response = http.get(ITEMS + "?f=csv&sortby=-gap_score");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(response)).isEqualTo("text/csv;charset=utf-8;header=present");
    assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment; filename=\"testville-")
        .endsWith(".csv\"");
    byte[] body = response.body();
    assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
    assertThat(lines[0])
        .startsWith("\"id\",\"name\",\"borough\",\"ranked\",\"rank\",\"gap_score\"");
    assertThat(lines[0]).contains("\"centroid_lat\",\"centroid_lon\"");
    assertThat(lines[1]).startsWith("\"N1\",\"Alpha\"");
    assertThat(lines).hasSize(6);
    assertThat(Http.contentType(http.get(ITEMS, "Accept", "text/csv"))).startsWith("text/csv");
  }

  @Test
  void flatGeobufPagesAndDownloads() {
    HttpResponse<byte[]> page = http.get(ITEMS + "?f=fgb&limit=2");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(page)).isEqualTo("application/flatgeobuf");
    assertThat(Arrays.copyOf(page.body(), 3)).containsExactly('f', 'g', 'b');

    HttpResponse<byte[]> whole =
        http.get(COLLECTION + "/download", "Accept", "application/flatgeobuf");
    assertThat(Http.contentType(whole)).isEqualTo("application/flatgeobuf");
    assertThat(whole.body().length).isGreaterThan(page.body().length);
    assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow()).endsWith(".fgb\"");
  }

  @Test
  void collectionLinksItsDownloadsAndEachAnswers() {
    JsonNode c = Http.json(http.get(COLLECTION));
    List<String> types = new ArrayList<>();
    for (JsonNode link : c.get("links")) {
      if (link.get("rel").asText().equals("enclosure")) {
        types.add(link.get("type").asText());
        HttpResponse<byte[]> file = http.get(link.get("href").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(file)).startsWith(link.get("type").asText());
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow())
            .startsWith("attachment");
      }
    }
    assertThat(types).containsExactly("application/geo+json", "text/csv", "application/flatgeobuf");
    assertThat(c.at("/extent/temporal/interval/0/0").asText())
        .isEqualTo(TestRegions.FIRST_RUN_AT.plusSeconds(86_400).toString());
    assertThat(http.get(COLLECTION + "/download?f=xml").statusCode()).isEqualTo(400);
    assertThat(http.get(COLLECTION + "/download?colour=red").statusCode()).isEqualTo(400);
  }

  @Test
  void propertyFilters() {
    assertThat(ids(ITEMS + "?ranked=false")).containsExactly("P1");
    assertThat(ids(ITEMS + "?gap_score_min=10")).containsExactly("N1", "N2");
    assertThat(ids(ITEMS + "?gap_score_max=10&sortby=gap_score")).containsExactly("N3", "N2");
    assertThat(ids(ITEMS + "?rank_max=2&sortby=rank")).containsExactly("N1", "N2");
    assertThat(ids(ITEMS + "?borough=borough&rank_max=1")).containsExactly("N1");
    assertThat(ids(ITEMS + "?borough=Elsewhere")).isEmpty();
    assertThat(http.get(ITEMS + "?gap_score_min=lots").statusCode()).isEqualTo(400);
  }

  @Test
  void runParameterServesAnOlderPublishedRun() {
    JsonNode old = Http.json(http.get(ITEMS + "/N1?run=" + first));
    assertThat(old.at("/properties/run_id").asText()).isEqualTo(first.value());
    assertThat(old.at("/properties/gap_score").asDouble()).isEqualTo(55.0);
    JsonNode current = Http.json(http.get(ITEMS + "/N1"));
    assertThat(current.at("/properties/run_id").asText()).isEqualTo(second.value());

    JsonNode page = Http.json(http.get(ITEMS + "?limit=2&run=" + first));
    assertThat(page.at("/features/0/properties/run_id").asText()).isEqualTo(first.value());
    for (JsonNode link : page.get("links")) {
      if (link.get("rel").asText().equals("next")) {
        assertThat(link.get("href").asText()).contains("run=" + first);
      }
    }
    JsonNode collection = Http.json(http.get(COLLECTION + "?run=" + first));
    assertThat(collection.get("description").asText()).contains(first.value());
    assertThat(http.get(COLLECTION + "/map?run=" + first).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> unknown = http.get(ITEMS + "?run=20200101T000000.000Z-0000");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Http.json(unknown).get("code").asText()).isEqualTo("NotFound");
    HttpResponse<byte[]> malformed = http.get(ITEMS + "?run=latest");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(Http.json(malformed).get("description").asText()).contains("run");
  }

  @Test
  void compressedResponsesAreTheSameBytesCompressedOnce() throws IOException {
    HttpResponse<byte[]> plain = http.get(ITEMS + "?limit=5");
    HttpResponse<byte[]> gzip = http.get(ITEMS + "?limit=5", "Accept-Encoding", "gzip");

    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] inflated;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
      inflated = in.readAllBytes();
    }
    assertThat(inflated).isEqualTo(plain.body());
    assertThat(gzip.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
    assertThat(http.get(ITEMS + "?limit=5", "Accept-Encoding", "gzip;q=0").headers())
        .satisfies(h -> assertThat(h.firstValue("Content-Encoding")).isEmpty());
  }

  @Test
  void negotiationErrorsAreJson() {
    HttpResponse<byte[]> badF = http.get(ITEMS + "?f=xml");
    assertThat(badF.statusCode()).isEqualTo(400);
    assertThat(Http.json(badF).get("description").asText()).contains("csv");
    HttpResponse<byte[]> notAcceptable = http.get("/collections", "Accept", "image/png");
    assertThat(notAcceptable.statusCode()).isEqualTo(406);
    assertThat(Http.contentType(notAcceptable)).startsWith("application/json");
    assertThat(Http.contentType(http.get(ITEMS, "Accept", "application/json")))
        .startsWith("application/geo+json");
  }

  @Test
  void oversizedRequestsAreRefusedWithJson() {
    HttpResponse<String> bigBody = http.post(ITEMS, new byte[200_000]);
    assertThat(bigBody.statusCode()).as("no route takes a body").isIn(405, 413);
    assertThat(bigBody.body()).contains("\"code\"").doesNotContain("Exception");
    assertThat(bigBody.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<byte[]> longUrl =
        new Http(server.uri()).get(ITEMS + "?borough=" + "x".repeat(10_000));
    assertThat(longUrl.statusCode()).isEqualTo(413);
    assertThat(Http.json(longUrl).get("code").asText()).isEqualTo("PayloadTooLarge");
  }

  @Test
  void lastModifiedOfAPinnedRunIsThatRunsTime() {
    HttpResponse<byte[]> old = http.get(ITEMS + "/N1?run=" + first);
    assertThat(old.headers().firstValue("Last-Modified"))
        .hasValue(CachingHeaders.httpDate(TestRegions.FIRST_RUN_AT));
    assertThat(
            http.get(
                    ITEMS + "/N1?run=" + first,
                    "If-None-Match",
                    old.headers().firstValue("ETag").orElseThrow())
                .statusCode())
        .isEqualTo(304);
    assertThat(Instant.now()).isAfter(TestRegions.FIRST_RUN_AT);
  }

  @Test
  void featuresInEpsg4326AreLatitudeFirstAndNameTheirCrs() {
    String epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    HttpResponse<byte[]> crs84 = http.get(ITEMS + "/N1");
    HttpResponse<byte[]> latLon = http.get(ITEMS + "/N1?crs=" + epsg4326);

    assertThat(crs84.headers().firstValue("Content-Crs")).hasValue("<" + OgcDocuments.CRS84 + ">");
    assertThat(latLon.headers().firstValue("Content-Crs")).hasValue("<" + epsg4326 + ">");
    JsonNode lonLatRing = Http.json(crs84).at("/geometry/coordinates/0");
    JsonNode latLonRing = Http.json(latLon).at("/geometry/coordinates/0");
    List<List<Double>> swapped = new ArrayList<>();
    latLonRing.forEach(p -> swapped.add(List.of(p.get(1).asDouble(), p.get(0).asDouble())));
    List<List<Double>> original = new ArrayList<>();
    lonLatRing.forEach(p -> original.add(List.of(p.get(0).asDouble(), p.get(1).asDouble())));
    assertThat(swapped).containsExactlyInAnyOrderElementsOf(original);
    assertThat(latLonRing.get(0).get(0).asDouble()).isBetween(40.0, 41.0);

    HttpResponse<byte[]> pageResponse = http.get(ITEMS + "?limit=2&crs=" + epsg4326);
    assertThat(pageResponse.headers().firstValue("Content-Crs")).hasValue("<" + epsg4326 + ">");
    assertThat(http.get(ITEMS).headers().firstValue("Content-Crs"))
        .hasValue("<" + OgcDocuments.CRS84 + ">");
    JsonNode page = Http.json(pageResponse);
    assertThat(page.at("/features/0/geometry/coordinates/0/0/0").asDouble()).isBetween(40.0, 41.0);
    assertThat(page.at("/features/0/properties/name").asText()).isEqualTo("Alpha");
  }

  @Test
  void webMercatorMetresAndBboxInOtherCrs() {
    JsonNode mercator =
        Http.json(http.get(ITEMS + "/N1?crs=http://www.opengis.net/def/crs/EPSG/0/3857"));
    double x = mercator.at("/geometry/coordinates/0/0/0").asDouble();
    double y = mercator.at("/geometry/coordinates/0/0/1").asDouble();
    assertThat(x).isBetween(-8_237_000.0, -8_234_000.0);
    assertThat(y).isBetween(4_968_000.0, 4_972_000.0);

    assertThat(
            ids(
                ITEMS
                    + "?bbox=40.701,-73.969,40.709,-73.961"
                    + "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"))
        .containsExactly("N3");
    assertThat(http.get(ITEMS + "?crs=http://www.opengis.net/def/crs/EPSG/0/27700").statusCode())
        .isEqualTo(400);
    assertThat(
            http.get(ITEMS + "?f=csv&crs=http://www.opengis.net/def/crs/EPSG/0/3857").statusCode())
        .isEqualTo(400);
  }

  private List<String> ids(String url) {
    HttpResponse<byte[]> response = http.get(url);
    assertThat(response.statusCode()).as(url + ": " + Http.text(response)).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    Http.json(response).get("features").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }
}
