package org.gapmap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OGC API - Features resources as a client sees them, against a store populated through the
 * port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OgcApiTest {
  private static final String ITEMS = "/collections/testville/items";

  private SqliteScoreStore store;
  private GapmapServer server;
  private Http http;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    store = SqliteScoreStore.open(dataDir);
    TestRegions.populate(store);
    server = GapmapServer.start(store, 0);
    http = new Http(server.uri());
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void itemsAreGeoJsonFeatureCollection() {
    HttpResponse<byte[]> response = http.get(ITEMS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(response)).startsWith("application/geo+json");
    JsonNode body = Http.json(response);
    assertThat(body.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(body.get("numberMatched").asInt()).isEqualTo(5);
    assertThat(body.get("numberReturned").asInt()).isEqualTo(5);
    assertThat(body.get("timeStamp").asText()).endsWith("Z");
    assertThat(ids(body)).containsExactlyElementsOf(TestRegions.IDS);
    JsonNode first = body.get("features").get(0);
    assertThat(first.get("type").asText()).isEqualTo("Feature");
    assertThat(first.get("properties").get("id").asText()).isEqualTo("N1");
    assertThat(first.get("properties").get("gap_score").asDouble()).isEqualTo(55.0);
    assertThat(first.get("geometry").get("type").asText()).isEqualTo("Polygon");
    assertThat(body.has("crs")).isFalse();
  }

  @Test
  void pagingThroughNextVisitsEveryFeatureExactlyOnce() {
    List<String> seen = new ArrayList<>();
    String url = ITEMS + "?limit=2&sortby=-gap_score";
    int pages = 0;
    while (url != null) {
      JsonNode page = Http.json(http.get(url));
      seen.addAll(ids(page));
      assertThat(page.get("numberMatched").asInt()).isEqualTo(5);
      if (pages > 0) {
        assertThat(link(page, "prev")).isNotNull();
      }
      JsonNode next = link(page, "next");
      url = next == null ? null : next.get("href").asText();
      if (url != null) {
        assertThat(url).contains("limit=2").contains("sortby=-gap_score");
      }
      pages++;
    }
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("N2", "N1", "N3", "N4", "P1");
  }

  @Test
  void sortByPutsFeaturesWithoutScoreLastInBothDirections() {
    assertThat(ids(Http.json(http.get(ITEMS + "?sortby=-gap_score"))))
        .containsExactly("N2", "N1", "N3", "N4", "P1");
    assertThat(ids(Http.json(http.get(ITEMS + "?sortby=gap_score"))))
        .containsExactly("N1", "N3", "N2", "N4", "P1");
    assertThat(ids(Http.json(http.get(ITEMS + "?sortby=rank"))))
        .containsExactly("N2", "N1", "N3", "N4", "P1");
    assertThat(ids(Http.json(http.get(ITEMS + "?sortby=-name"))))
        .containsExactly("P1", "N4", "N3", "N2", "N1");
  }

  @Test
  void unknownSortFieldIsRefused() {
    assertJsonError(http.get(ITEMS + "?sortby=population"), 400);
  }

  @Test
  void limitAboveMaximumIsClamped() {
    HttpResponse<byte[]> response = http.get(ITEMS + "?limit=20000");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("numberReturned").asInt()).isBetween(1, 10_000);
  }

  @Test
  void limitZeroAndNegativeOffsetAreRefused() {
    assertJsonError(http.get(ITEMS + "?limit=0"), 400);
    assertJsonError(http.get(ITEMS + "?limit=ten"), 400);
    assertJsonError(http.get(ITEMS + "?offset=-1"), 400);
  }

  @Test
  void malformedBboxIsRefused() {
    assertJsonError(http.get(ITEMS + "?bbox=1,2,3"), 400);
    assertJsonError(http.get(ITEMS + "?bbox=a,b,c,d"), 400);
    assertJsonError(http.get(ITEMS + "?bbox=0,10,1,5"), 400);
  }

  @Test
  void bboxFiltersByEnvelope() {
    JsonNode only = Http.json(http.get(ITEMS + "?bbox=-73.969,40.701,-73.961,40.709"));
    assertThat(ids(only)).containsExactly("N3");
    assertThat(only.get("numberMatched").asInt()).isEqualTo(1);

    JsonNode sixNumbers = Http.json(http.get(ITEMS + "?bbox=-73.969,40.701,0,-73.961,40.709,100"));
    assertThat(ids(sixNumbers)).containsExactly("N3");

    JsonNode elsewhere = Http.json(http.get(ITEMS + "?bbox=10,10,11,11"));
    assertThat(elsewhere.get("numberMatched").asInt()).isZero();
    assertThat(elsewhere.get("features").size()).isZero();
  }

  @Test
  void unknownParameterIsRefusedByName() {
    HttpResponse<byte[]> response = http.get(ITEMS + "?colour=red");

    assertJsonError(response, 400);
    assertThat(Http.json(response).get("description").asText()).contains("colour");
  }

  @Test
  void datetimeWithTrailingTIsAccepted() {
    HttpResponse<byte[]> response = http.get(ITEMS + "?datetime=2025-06-30T");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("numberReturned").asInt()).isEqualTo(5);
  }

  @Test
  void skipGeometryWritesNullGeometry() {
    JsonNode body = Http.json(http.get(ITEMS + "?skipGeometry=true&limit=1"));

    JsonNode feature = body.get("features").get(0);
    assertThat(feature.get("geometry").isNull()).isTrue();
    assertThat(feature.get("properties").get("name").asText()).isEqualTo("Alpha");
  }

  @Test
  void propertiesSelectsProperties() {
    JsonNode body = Http.json(http.get(ITEMS + "?properties=name,gap_score&limit=1"));

    JsonNode properties = body.get("features").get(0).get("properties");
    List<String> names = new ArrayList<>();
    properties.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("name", "gap_score");
  }

  @Test
  void singleItemHasSelfAndCollectionLinks() {
    HttpResponse<byte[]> response = http.get(ITEMS + "/N2");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(response)).startsWith("application/geo+json");
    JsonNode feature = Http.json(response);
    assertThat(feature.get("type").asText()).isEqualTo("Feature");
    assertThat(feature.get("id").asText()).isEqualTo("N2");
    assertThat(feature.get("properties").get("rank").asInt()).isEqualTo(1);
    assertThat(link(feature, "self").get("href").asText()).endsWith(ITEMS + "/N2?f=json");
    assertThat(link(feature, "collection").get("href").asText()).endsWith("/collections/testville");
  }

  @Test
  void missingItemIsNotFound() {
    assertJsonError(http.get(ITEMS + "/NOPE"), 404);
  }

  @Test
  void unknownAndUnpublishedCollectionsAreNotFound() {
    assertJsonError(http.get("/collections/nowhere"), 404);
    assertJsonError(http.get("/collections/Not_An_Id/items"), 404);
    assertJsonError(http.get("/collections/emptyville"), 404);
    assertJsonError(http.get("/collections/emptyville/items"), 404);
  }

  @Test
  void collectionsListOnlyPublishedRegions() {
    HttpResponse<byte[]> response = http.get("/collections");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(response)).startsWith("application/json");
    JsonNode collections = Http.json(response).get("collections");
    assertThat(collections.size()).isEqualTo(1);
    JsonNode c = collections.get(0);
    assertThat(c.get("id").asText()).isEqualTo("testville");
    assertThat(c.get("title").asText()).isEqualTo("Testville");
    assertThat(c.get("itemType").asText()).isEqualTo("feature");
    assertThat(c.get("attribution").asText()).contains("public domain");
    JsonNode spatial = c.get("extent").get("spatial");
    assertThat(spatial.get("crs").asText()).isEqualTo(OgcDocuments.CRS84);
    assertThat(spatial.get("bbox").get(0).get(0).asDouble()).isEqualTo(-73.99);
    assertThat(spatial.get("bbox").get(0).get(3).asDouble()).isEqualTo(40.72);
    assertThat(c.get("crs").get(0).asText()).isEqualTo(OgcDocuments.CRS84);
    assertThat(c.get("crs")).hasSize(3);
    assertThat(c.get("storageCrs").asText()).isEqualTo(OgcDocuments.CRS84);
    JsonNode items = link(c, "items");
    assertThat(items.get("type").asText()).isEqualTo("application/geo+json");
    assertThat(items.get("href").asText()).endsWith("/collections/testville/items");
  }

  @Test
  void collectionDocument() {
    JsonNode c = Http.json(http.get("/collections/testville"));

    assertThat(c.get("id").asText()).isEqualTo("testville");
    assertThat(link(c, "self").get("href").asText()).endsWith("/collections/testville?f=json");
  }

  @Test
  void etagRoundTripGivesNotModified() {
    HttpResponse<byte[]> first = http.get(ITEMS + "?limit=3");
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<byte[]> second = http.get(ITEMS + "?limit=3", "If-None-Match", etag);

    assertThat(second.statusCode()).isEqualTo(304);
    assertThat(second.body()).isEmpty();
    assertThat(second.headers().firstValue("ETag")).hasValue(etag);
    assertThat(first.headers().firstValue("Last-Modified"))
        .hasValue("Mon, 30 Jun 2025 12:00:00 GMT");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    assertThat(first.headers().firstValue("Vary")).hasValue("Accept, Accept-Encoding");
    String otherQuery = http.get(ITEMS + "?limit=4").headers().firstValue("ETag").orElseThrow();
    assertThat(otherQuery).isNotEqualTo(etag);
    assertThat(http.get(ITEMS + "?limit=4", "If-None-Match", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void ifModifiedSinceGivesNotModified() {
    assertThat(
            http.get(ITEMS + "/N1", "If-Modified-Since", "Mon, 30 Jun 2025 12:00:00 GMT")
                .statusCode())
        .isEqualTo(304);
    assertThat(
            http.get(ITEMS + "/N1", "If-Modified-Since", "Sun, 29 Jun 2025 12:00:00 GMT")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void corsOnReadsOnly() {
    HttpResponse<byte[]> get = http.get("/collections", "Origin", "https://example.org");
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("ETag")
        .contains("Content-Crs");

    HttpResponse<byte[]> post = http.send("POST", "/collections", "Origin", "https://example.org");
    assertJsonError(post, 405);
    assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    HttpResponse<byte[]> preflight =
        http.send(
            "OPTIONS",
            ITEMS,
            "Origin",
            "https://example.org",
            "Access-Control-Request-Method",
            "GET");
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow())
        .doesNotContain("POST");
  }

  @Test
  void exteriorRingsAreCounterClockwiseEvenWhenStoredClockwise() {
    JsonNode feature = Http.json(http.get(ITEMS + "/" + TestRegions.CLOCKWISE_ID));

    JsonNode ring = feature.get("geometry").get("coordinates").get(0);
    assertThat(signedArea(ring)).isPositive();
    for (JsonNode f : Http.json(http.get(ITEMS)).get("features")) {
      assertThat(signedArea(f.get("geometry").get("coordinates").get(0))).isPositive();
    }
  }

  @Test
  void browsersGetTheMapPage() {
    HttpResponse<byte[]> page =
        http.get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(page)).startsWith("text/html");
    String html = Http.text(page);
    assertThat(html).contains("/webjars/leaflet/1.9.4/dist/leaflet.js").contains("map.js");

    HttpResponse<byte[]> leaflet = http.get("/webjars/leaflet/1.9.4/dist/leaflet.js");
    assertThat(leaflet.statusCode()).isEqualTo(200);
    assertThat(Http.text(leaflet)).contains("Leaflet");
    assertThat(http.get("/webjars/leaflet/1.9.4/dist/leaflet.css").statusCode()).isEqualTo(200);
    assertThat(http.get("/static/map.js").statusCode()).isEqualTo(200);
    assertThat(http.get("/static/map.css").statusCode()).isEqualTo(200);
    assertThat(Http.contentType(http.get("/?f=html"))).startsWith("text/html");
  }

  @Test
  void collectionMapPage() {
    HttpResponse<byte[]> page = http.get("/collections/testville/map");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(Http.contentType(page)).startsWith("text/html");
    assertJsonError(http.get("/collections/nowhere/map"), 404);
  }

  @Test
  void landingPageJson() {
    HttpResponse<byte[]> response = http.get("/", "Accept", "application/json");

    assertThat(Http.contentType(response)).startsWith("application/json");
    JsonNode landing = Http.json(response);
    assertThat(link(landing, "self")).isNotNull();
    assertThat(link(landing, "conformance").get("href").asText()).endsWith("/conformance");
    assertThat(link(landing, "data").get("href").asText()).endsWith("/collections");
    assertThat(link(landing, "alternate").get("type").asText()).isEqualTo("text/html");
    assertThat(link(landing, "service-desc").get("href").asText()).endsWith("/api");
    assertThat(link(landing, "service-desc").get("type").asText())
        .isEqualTo("application/vnd.oai.openapi+json;version=3.0");
    assertThat(link(landing, "service-doc").get("type").asText()).isEqualTo("text/html");
    assertThat(Http.contentType(http.get("/?f=json", "Accept", "text/html")))
        .startsWith("application/json");
    assertThat(Http.contentType(http.get("/"))).startsWith("application/json");
  }

  @Test
  void conformanceDeclaresPart1AndPart2Crs() {
    JsonNode conformsTo = Http.json(http.get("/conformance")).get("conformsTo");

    List<String> classes = new ArrayList<>();
    conformsTo.forEach(c -> classes.add(c.asText()));
    assertThat(classes)
        .containsExactlyInAnyOrder(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
  }

  @Test
  void unknownRouteIsJsonNotFound() {
    assertJsonError(http.get("/no/such/thing"), 404);
    assertJsonError(http.get("/no/such/thing", "Accept", "text/html"), 404);
  }

  @Test
  void unacceptableMediaTypeIsJsonError() {
    assertJsonError(http.get(ITEMS, "Accept", "application/xml"), 406);
  }

  @Test
  void largeResponsesAreCompressed() {
    HttpResponse<byte[]> response = http.get(ITEMS, "Accept-Encoding", "gzip");

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
  }

  @Test
  void headIsAnsweredWithoutBody() {
    HttpResponse<byte[]> response = http.send("HEAD", ITEMS);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).isPresent();
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  private static void assertJsonError(HttpResponse<byte[]> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(Http.contentType(response)).startsWith("application/json");
    JsonNode error = Http.json(response);
    assertThat(error.get("code").asText()).isNotBlank();
    assertThat(error.get("description").asText()).isNotBlank();
    assertThat(Http.text(response)).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static List<String> ids(JsonNode featureCollection) {
    List<String> ids = new ArrayList<>();
    featureCollection.get("features").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  private static JsonNode link(JsonNode document, String rel) {
    for (JsonNode link : document.get("links")) {
      if (link.get("rel").asText().equals(rel)) {
        return link;
      }
    }
    return null;
  }

  /** Shoelace area: positive for a counter-clockwise ring in lon/lat. */
  private static double signedArea(JsonNode ring) {
    double sum = 0;
    for (int i = 0; i + 1 < ring.size(); i++) {
      JsonNode a = ring.get(i);
      JsonNode b = ring.get(i + 1);
      sum += a.get(0).asDouble() * b.get(1).asDouble() - b.get(0).asDouble() * a.get(1).asDouble();
    }
    return sum / 2;
  }
}
