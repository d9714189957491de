package org.gapmap.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.region.UnrankedCondition;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.ingest.testing.TestLambdaContext;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API handler end to end: real HTTP API (payload 2.0) events, a mock Lambda context, the NYC
 * region published in dynalite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DynaliteExtension.class)
class ApiHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RegionId NYC = RegionId.of("nyc-nta2010");

  private ApiHandler handler;
  private ApplicationContext context;
  private ScoreStore store;

  @BeforeAll
  void start(Dynalite dynalite) {
    context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "gapmap.table", Dynalite.uniqueTableName("api"),
                    "gapmap.dynamodb-endpoint", dynalite.endpoint().toString(),
                    "gapmap.create-table", true))
            .build();
    handler = new ApiHandler(context);
    store = context.getBean(ScoreStore.class);
    seed(store);
  }

  @AfterAll
  void stop() {
    handler.close();
  }

  @Test
  void itemsAreServedAsGeoJsonWithCachingAndCorsHeaders() throws IOException {
    APIGatewayV2HTTPResponse response = invoke(event(null));

    assertThat(response.getStatusCode()).isEqualTo(200);
    Map<String, String> headers = lowerCase(response.getHeaders());
    assertThat(headers.get("content-type")).startsWith("application/geo+json");
    assertThat(headers).containsKey("etag");
    assertThat(headers.get("access-control-allow-origin")).isEqualTo("*");
    JsonNode body = body(response);
    assertThat(body.get("numberMatched").asInt()).isEqualTo(195);
    assertThat(body.get("features")).hasSize(2);
    assertThat(body.at("/features/0/properties/rank").asInt()).isEqualTo(1);
    assertThat(body.at("/features/0/properties/run_id").asText())
        .isEqualTo(store.region(NYC).orElseThrow().currentRunId().value());
  }

  @Test
  void aNewlyPublishedRunIsServedOnTheNextRequest() throws IOException {
    invoke(event(null));
    Run next =
        new RunPublisher(store, Clock.systemUTC())
            .publish(NYC, ScoringProfiles.builtIn("home-adoption").orElseThrow());

    JsonNode body = body(invoke(event(null)));

    assertThat(body.at("/features/0/properties/run_id").asText()).isEqualTo(next.id().value());
    assertThat(body.at("/features/0/properties/profile").asText()).startsWith("home-adoption");
  }

  @Test
  void anUnknownCollectionIsAJson404() throws IOException {
    APIGatewayV2HTTPResponse response = invoke(event("/collections/atlantis/items"));

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(body(response).get("code").asText()).isNotBlank();
  }

  @Test
  void theNoArgConstructorLambdaUsesConfiguresItselfFromTheEnvironment(Dynalite dynalite)
      throws IOException {
    Map<String, String> environment =
        Map.of(
            "gapmap.table", Dynalite.uniqueTableName("no-arg"),
            "gapmap.dynamodb-endpoint", dynalite.endpoint().toString(),
            "gapmap.create-table", "true");
    environment.forEach(System::setProperty);
    try (ApiHandler lambda = new ApiHandler()) {
      APIGatewayV2HTTPEvent collections = event("/collections");
      collections.setHeaders(
          Map.of("accept", "application/json", "host", "abc123def4.execute-api.amazonaws.com"));
      APIGatewayV2HTTPResponse response =
          lambda.handleRequest(collections, new TestLambdaContext("api"));

      assertThat(response.getStatusCode()).isEqualTo(200);
      assertThat(body(response).get("collections")).isEmpty();
    } finally {
      environment.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void primingLoadsEveryRegion() {
    assertThat(context.getBean(SnapStartPriming.class).prime()).isEqualTo(1);
  }

  private APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
    return handler.handleRequest(event, new TestLambdaContext("api"));
  }

  /** The HTTP API event fixture, as Lambda's own serializer reads it; {@code path} replaces its. */
  static APIGatewayV2HTTPEvent event(String path) throws IOException {
    JsonNode fixture;
    try (InputStream in =
        ApiHandlerTest.class.getResourceAsStream("/events/http-api-v2-items.json")) {
      fixture = JSON.readTree(in);
    }
    if (path != null) {
      ((ObjectNode) fixture).put("rawPath", path);
      ((ObjectNode) fixture.at("/requestContext/http")).put("path", path);
    }
    return LambdaEventSerializers.serializerFor(
            APIGatewayV2HTTPEvent.class, ApiHandlerTest.class.getClassLoader())
        .fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(fixture)));
  }

  static JsonNode body(APIGatewayV2HTTPResponse response) throws IOException {
    byte[] raw =
        response.getIsBase64Encoded()
            ? Base64.getDecoder().decode(response.getBody())
            : response.getBody().getBytes(StandardCharsets.UTF_8);
    if (raw.length > 1 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        raw = in.readAllBytes();
      }
    }
    return JSON.readTree(raw);
  }

  private static Map<String, String> lowerCase(Map<String, String> headers) {
    Map<String, String> result = new java.util.HashMap<>();
    headers.forEach((k, v) -> result.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return result;
  }

  /** Registers the NYC region and publishes a run from the city's adoption table. */
  static void seed(ScoreStore store) {
    Clock clock = Clock.systemUTC();
    new RegionRegistrar(store, clock)
        .register(
            NYC,
            "New York City neighborhoods (NTA 2010)",
            "NYC Department of City Planning",
            resource("nyc_nta2010_nycplanning.geojson"),
            new RegionImportOptions(
                "NTACode",
                "NTAName",
                "BoroName",
                List.of(UnrankedCondition.parse("NTACode~.*(98|99)"))));
    new IngestService(store, clock)
        .ingest(
            NYC,
            UploadKind.ADOPTION,
            resource("nyc_internet_master_plan_by_nta2010.csv"),
            new UploadOptions("nyc-imp", Map.of(), null, null),
            ProgressListener.NONE);
    new RunPublisher(store, clock)
        .publish(NYC, ScoringProfiles.builtIn(ScoringProfiles.DEFAULT).orElseThrow());
  }

  private static InputSource resource(String name) {
    String path = "/org/gapmap/geodata/nyc/" + name;
    return new InputSource(name, () -> ApiHandlerTest.class.getResourceAsStream(path), -1);
  }
}
