package org.gapmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gapmap.core.geom.H3Cells;
import org.gapmap.core.ingest.MobileH3Reader;
import org.gapmap.core.ingest.PointsReader;
import org.gapmap.core.ingest.ReadResult;
import org.gapmap.core.ingest.RegionContext;
import org.gapmap.core.ingest.TilesReader;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadRecord;
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
 * The state machine's steps by hand: three shard invocations write partials, the merge invocation
 * stores, scores and publishes the same indicators a whole read gives (points, hexagons, tiles); a
 * missing partial fails the merge and publishes nothing.
 */
@ExtendWith(DynaliteExtension.class)
class ShardMergeHandlerTest {
  private static final String BUCKET = "gapmap-uploads-example";
  private static final RegionId NYC = RegionId.of("nyc-nta2010");
  private static final String KEY = "uploads/nyc-nta2010/points/poles.csv";
  private static final String POLES = "nyc_mobile_telecom_franchise_poletop_installations.csv";

  @TempDir Path bucketRoot;
  private LocalUploadBucket bucket;
  private ApplicationContext context;
  private ShardHandler shards;
  private MergeHandler merge;
  private ScoreStore store;

  @BeforeEach
  void start(Dynalite dynalite) throws IOException {
    bucket = new LocalUploadBucket(bucketRoot);
    context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            .properties(
                Map.of(
                    "gapmap.table",
                    Dynalite.uniqueTableName("shards"),
                    "gapmap.dynamodb-endpoint",
                    dynalite.endpoint().toString(),
                    "gapmap.create-table",
                    true,
                    "gapmap.s3-enabled",
                    false,
                    "gapmap.shard-threshold-bytes",
                    50_000))
            .singletons(bucket)
            .start();
    shards = new ShardHandler(context);
    merge = new MergeHandler(context);
    store = context.getBean(ScoreStore.class);
    NycGeodata.registerNta2010(store, NYC);
    bucket.put(BUCKET, KEY, NycGeodata.bytes(POLES), Map.of("label", "small_cells"));
  }

  @AfterEach
  void stop() throws Exception {
    shards.close();
    merge.close();
  }

  @Test
  void shardsThenMergePublishTheWholeReadsIndicators() {
    for (int k = 0; k < 3; k++) {
      Map<String, Object> out =
          shards.handleRequest(task(k, "exec-1"), new TestLambdaContext("shard"));
      assertThat(out.get("partial")).isEqualTo("work/exec-1/partial-" + k + ".bin");
      assertThat(bucket.exists(BUCKET, "work/exec-1/partial-" + k + ".bin")).isTrue();
    }
    Map<String, Object> merged =
        merge.handleRequest(task(-1, "exec-1"), new TestLambdaContext("m"));

    assertThat(merged.get("status")).isEqualTo(IngestResult.INGESTED);
    assertThat(store.region(NYC).orElseThrow().currentRunId().value())
        .isEqualTo(merged.get("runId"));
    UploadRecord stored = store.uploads(NYC).get(0);
    ReadResult whole =
        new PointsReader()
            .read(
                NycGeodata.resource(POLES),
                new RegionContext(NYC, store.neighborhoods(NYC)),
                new UploadOptions(null, Map.of(), "small_cells", null, null));
    assertThat(stored.indicators()).isEqualTo(whole.indicators());
    assertThat(stored.report().rowsRead()).isEqualTo(whole.report().rowsRead());
    assertThat(bucket.exists(BUCKET, "reports/nyc-nta2010/points/poles.csv.report.json")).isTrue();
  }

  @Test
  void hexagonsAndTilesShardAndMergeToTheWholeRead() throws IOException {
    Random r = new Random(11);
    StringBuilder hex = new StringBuilder("h3_res9_id,technology,mindown,minup\n");
    StringBuilder tiles =
        new StringBuilder("quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n");
    java.util.Set<String> quadkeys = new java.util.HashSet<>();
    for (int i = 0; i < 600; i++) {
      double lat = 40.55 + r.nextDouble() * 0.35;
      double lon = -74.10 + r.nextDouble() * 0.35;
      hex.append(Long.toHexString(H3Cells.cellAt(lat, lon, 9)))
          .append(r.nextBoolean() ? ",5G,50,5\n" : ",4G,10,1\n");
      String quadkey = quadkey(lat, lon);
      if (quadkeys.add(quadkey)) {
        tiles.append(quadkey).append(',').append(1000 + r.nextInt(900_000)).append(",5000,20,");
        tiles.append(r.nextInt(50)).append(",3\n");
      }
    }
    RegionContext region = new RegionContext(NYC, store.neighborhoods(NYC));
    Map<String, ReadResult> kinds =
        Map.of(
            "mobile-h3",
            new MobileH3Reader().read(source("hex.csv", hex), region, UploadOptions.defaults()),
            "tiles",
            new TilesReader().read(source("tiles.csv", tiles), region, UploadOptions.defaults()));
    for (String kind : List.of("mobile-h3", "tiles")) {
      String key = "uploads/nyc-nta2010/" + kind + "/" + kind + ".csv";
      String text = kind.equals("tiles") ? tiles.toString() : hex.toString();
      bucket.put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8), Map.of());
      for (int k = 0; k < 3; k++) {
        shards.handleRequest(task(key, k, 3, "exec-" + kind), new TestLambdaContext("shard"));
      }
      merge.handleRequest(task(key, -1, 3, "exec-" + kind), new TestLambdaContext("m"));
      UploadRecord stored =
          store.uploads(NYC).stream()
              .filter(u -> u.kind().cliName().equals(kind))
              .findFirst()
              .orElseThrow();
      assertThat(stored.indicators()).as(kind).isEqualTo(kinds.get(kind).indicators()).isNotEmpty();
      assertThat(stored.report()).as(kind).isEqualTo(kinds.get(kind).report());
    }
  }

  @Test
  void aMissingPartialFailsTheMergeAndPublishesNothing() {
    shards.handleRequest(task(0, "exec-2"), new TestLambdaContext("shard"));
    assertThatThrownBy(() -> merge.handleRequest(task(-1, "exec-2"), new TestLambdaContext("m")))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(store.runs(NYC)).isEmpty();
    assertThat(store.uploads(NYC)).isEmpty();
  }

  @Test
  void theDirectIngestLeavesObjectsAboveTheThresholdToTheStateMachine() throws IOException {
    com.amazonaws.services.lambda.runtime.events.S3Event event;
    try (InputStream in = getClass().getResourceAsStream("/events/s3-object-created.json")) {
      event =
          com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
              .serializerFor(
                  com.amazonaws.services.lambda.runtime.events.S3Event.class,
                  getClass().getClassLoader())
              .fromJson(in);
    }
    assertThat(event.getRecords().get(0).getS3().getObject().getSizeAsLong()).isGreaterThan(50_000);
    // not closed here: closing a handler closes the shared context, which stop() does
    IngestHandler direct = new IngestHandler(context);
    assertThat(direct.handleRequest(event, new TestLambdaContext("ingest"))).isEmpty();
    assertThat(store.uploads(NYC)).isEmpty();
  }

  @Test
  void badTasksAreRefused() {
    Map<String, Object> task = task(3, "exec-3");
    assertThatThrownBy(() -> shards.handleRequest(task, new TestLambdaContext("shard")))
        .hasMessageContaining("shard 3 of 2");
    Map<String, Object> escape = task(0, "../uploads");
    assertThatThrownBy(() -> shards.handleRequest(escape, new TestLambdaContext("shard")))
        .hasMessageContaining("execution name");
  }

  private static Map<String, Object> task(int shard, String execution) {
    return task(KEY, shard, shard == 3 ? 2 : 3, execution);
  }

  private static Map<String, Object> task(String key, int shard, int shards, String execution) {
    Map<String, Object> task = new HashMap<>();
    task.put("bucket", BUCKET);
    task.put("key", key);
    if (shard >= 0) {
      task.put("shard", shard);
    }
    task.put("shards", shards);
    task.put("execution", execution);
    return task;
  }

  private static InputSource source(String name, CharSequence text) {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    return new InputSource(name, () -> new java.io.ByteArrayInputStream(bytes), bytes.length);
  }

  /** The zoom-16 quadkey of the tile holding (lat, lon). */
  private static String quadkey(double lat, double lon) {
    int zoom = 16;
    double n = 1 << zoom;
    int x = (int) Math.floor((lon + 180) / 360 * n);
    double phi = Math.toRadians(lat);
    int y = (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * n);
    StringBuilder q = new StringBuilder();
    for (int i = zoom - 1; i >= 0; i--) {
      q.append((char) ('0' + (((y >> i) & 1) << 1 | ((x >> i) & 1))));
    }
    return q.toString();
  }
}
