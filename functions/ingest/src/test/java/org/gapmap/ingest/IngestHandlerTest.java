package org.gapmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.region.UnrankedCondition;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.ingest.testing.LocalUploadBucket;
import org.gapmap.ingest.testing.NycGeodata;
import org.gapmap.ingest.testing.TestLambdaContext;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest handler end to end: a real S3 event, a mock Lambda context, the object served from a
 * local file, DynamoDB from dynalite.
 */
@ExtendWith(DynaliteExtension.class)
class IngestHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "gapmap-uploads-example";
  private static final RegionId NYC = RegionId.of("nyc-nta2010");
  private static final String KEY = "uploads/nyc-nta2010/adoption/internet master plan 2020.csv";

  @TempDir Path bucketRoot;
  private LocalUploadBucket bucket;
  private ApplicationContext context;
  private IngestHandler handler;
  private ScoreStore store;

  @BeforeEach
  void start(Dynalite dynalite) {
    bucket = new LocalUploadBucket(bucketRoot);
    context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "gapmap.table",
                    Dynalite.uniqueTableName("ingest"),
                    "gapmap.dynamodb-endpoint",
                    dynalite.endpoint().toString(),
                    "gapmap.create-table",
                    true,
                    "gapmap.s3-enabled",
                    false))
            .singletons(bucket)
            .start();
    handler = new IngestHandler(context);
    store = context.getBean(ScoreStore.class);
    new RegionRegistrar(store, Clock.systemUTC())
        .register(
            NYC,
            "New York City neighborhoods (NTA 2010)",
            "NYC Department of City Planning",
            NycGeodata.resource("nyc_nta2010_nycplanning.geojson"),
            new RegionImportOptions(
                "NTACode",
                "NTAName",
                "BoroName",
                List.of(UnrankedCondition.parse("NTACode~.*(98|99)"))));
  }

  @AfterEach
  void stop() throws Exception {
    handler.close();
  }

  @Test
  void anUploadIsIngestedScoredPublishedAndReported() throws IOException {
    bucket.put(
        BUCKET,
        KEY,
        NycGeodata.bytes("nyc_internet_master_plan_by_nta2010.csv"),
        Map.of("preset", "nyc-imp"));

    List<IngestResult> results =
        handler.handleRequest(event(null), new TestLambdaContext("ingest"));

    assertThat(results).hasSize(1);
    IngestResult result = results.get(0);
    assertThat(result.status()).isEqualTo(IngestResult.INGESTED);
    assertThat(result.rowsRead()).isEqualTo(195);
    assertThat(result.notes()).anyMatch(note -> note.contains("0 households"));
    Region region = store.region(NYC).orElseThrow();
    assertThat(region.currentRunId().value()).isEqualTo(result.runId());
    assertThat(store.scores(NYC, region.currentRunId())).hasSize(195);
    JsonNode report =
        JSON.readTree(
            bucket.read(
                BUCKET, "reports/nyc-nta2010/adoption/internet master plan 2020.csv.report.json"));
    assertThat(report.get("status").asText()).isEqualTo("ingested");
    assertThat(report.get("rowsUsed").asLong()).isEqualTo(195);
    assertThat(report.get("runId").asText()).isEqualTo(result.runId());
  }

  @Test
  void aRedeliveredEventChangesNothing() throws IOException {
    bucket.put(
        BUCKET,
        KEY,
        NycGeodata.bytes("nyc_internet_master_plan_by_nta2010.csv"),
        Map.of("preset", "nyc-imp"));
    handler.handleRequest(event(null), new TestLambdaContext("ingest"));
    Region before = store.region(NYC).orElseThrow();

    IngestResult again = handler.handleRequest(event(null), new TestLambdaContext("ingest")).get(0);

    assertThat(again.status()).isEqualTo(IngestResult.ALREADY_INGESTED);
    assertThat(again.runId()).isNull();
    assertThat(store.region(NYC)).contains(before);
    assertThat(store.runs(NYC)).hasSize(1);
  }

  @Test
  void aRejectedFileIsReportedFailsTheInvocationAndChangesNothing() throws IOException {
    String key = "uploads/nyc-nta2010/adoption/broken.csv";
    bucket.put(
        BUCKET,
        key,
        "NTA Code,Households\nBK09,12\n".getBytes(StandardCharsets.UTF_8),
        Map.of("preset", "nyc-imp"));

    assertThatThrownBy(() -> handler.handleRequest(event(key), new TestLambdaContext("ingest")))
        .isInstanceOf(InputRejectedException.class);

    JsonNode report =
        JSON.readTree(bucket.read(BUCKET, "reports/nyc-nta2010/adoption/broken.csv.report.json"));
    assertThat(report.get("status").asText()).isEqualTo("rejected");
    assertThat(report.get("notes").get(0).asText()).contains("broken.csv");
    assertThat(store.uploads(NYC)).isEmpty();
    assertThat(store.region(NYC).orElseThrow().currentRun()).isEmpty();
  }

  @Test
  void aKeyOutsideTheLayoutFailsWithoutTouchingTheStore() throws IOException {
    String key = "uploads/nyc-nta2010/speedtests/x.csv";
    bucket.put(BUCKET, key, "x".getBytes(StandardCharsets.UTF_8), Map.of());

    assertThatThrownBy(() -> handler.handleRequest(event(key), new TestLambdaContext("ingest")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown upload kind 'speedtests'");
    assertThat(store.uploads(NYC)).isEmpty();
    assertThat(bucket.exists(BUCKET, "reports/nyc-nta2010/speedtests/x.csv.report.json")).isFalse();
  }

  @Test
  void theNoArgConstructorLambdaUsesConfiguresItselfFromTheEnvironment(Dynalite dynalite)
      throws IOException {
    Map<String, String> environment =
        Map.of(
            "gapmap.table", Dynalite.uniqueTableName("no-arg"),
            "gapmap.dynamodb-endpoint", dynalite.endpoint().toString(),
            "gapmap.create-table", "true",
            "aws.region", "us-east-1",
            "aws.accessKeyId", "local",
            "aws.secretAccessKey", "local");
    environment.forEach(System::setProperty);
    try (IngestHandler lambda = new IngestHandler()) {
      JsonNode removed;
      try (InputStream in =
          IngestHandlerTest.class.getResourceAsStream("/events/s3-object-created.json")) {
        removed = JSON.readTree(in);
      }
      ((ObjectNode) removed.at("/Records/0")).put("eventName", "ObjectRemoved:Delete");
      S3Event event =
          LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
              .fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(removed)));

      assertThat(lambda.handleRequest(event, new TestLambdaContext("ingest"))).isEmpty();
      assertThat(lambda.getApplicationContext().getBean(UploadBucket.class))
          .isInstanceOf(S3UploadBucket.class);
    } finally {
      environment.keySet().forEach(System::clearProperty);
    }
  }

  @Test
  void primingReadsEveryNeighborhood() {
    assertThat(context.getBean(SnapStartPriming.class).prime()).isEqualTo(195);
  }

  /** The S3 event fixture, as Lambda's own serializer reads it; {@code key} replaces its key. */
  private static S3Event event(String key) throws IOException {
    JsonNode fixture;
    try (InputStream in =
        IngestHandlerTest.class.getResourceAsStream("/events/s3-object-created.json")) {
      fixture = JSON.readTree(in);
    }
    if (key != null) {
      ((ObjectNode) fixture.at("/Records/0/s3/object")).put("key", key.replace(' ', '+'));
    }
    return LambdaEventSerializers.serializerFor(
            S3Event.class, IngestHandlerTest.class.getClassLoader())
        .fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(fixture)));
  }
}
