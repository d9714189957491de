package org.gapmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.run.CurrentInputs;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.ingest.testing.LocalUploadBucket;
import org.gapmap.store.dynamodb.DynamoDbScoreStore;
import org.gapmap.store.dynamodb.DynamoDbStoreConfig;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Concurrent ingests into one region over DynamoDB (dynalite), through the ingest function's own
 * pipeline ({@link UploadIngestor}): every upload ends up in the published run, the losers of the
 * compare-and-set on the region's pointer retry, and no run — current or not, seen while the
 * ingests run or afterwards — mixes inputs: each one's scores are exactly its listed inputs.
 */
@ExtendWith(DynaliteExtension.class)
class ConcurrentIngestTest {
  private static final String BUCKET = "gapmap-uploads-example";
  private static final RegionId REGION = RegionId.of("grid");
  private static final int WRITERS = 4;
  private static final int UPLOADS_EACH = 2;

  /** Three 0.01° squares side by side in Manhattan: A, B, C. */
  private static final String NEIGHBORHOODS =
      "{\"type\":\"FeatureCollection\",\"features\":["
          + square("A", -73.99)
          + ","
          + square("B", -73.98)
          + ","
          + square("C", -73.97)
          + "]}";

  @TempDir Path bucketRoot;
  private DynamoDbClient client;
  private DynamoDbScoreStore dynamo;

  @AfterEach
  void close() {
    if (dynamo != null) {
      dynamo.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void concurrentIngestsAllEndUpInThePublishedRunAndNoRunIsMixed(Dynalite dynalite)
      throws Exception {
    client = dynalite.client();
    dynamo =
        DynamoDbScoreStore.open(
            client, DynamoDbStoreConfig.of(Dynalite.uniqueTableName("concurrent"), true));
    // Every writer's first attempt to move the pointer waits until all have got that far, so they
    // all expect the same version: one wins, the others must notice and retry.
    CyclicBarrier firstPublish = new CyclicBarrier(WRITERS);
    Set<Thread> arrived = java.util.concurrent.ConcurrentHashMap.newKeySet();
    AtomicInteger conflicts = new AtomicInteger();
    ScoreStore store =
        intercepting(
            dynamo,
            (delegate, method, args) -> {
              if (method.getName().equals("setCurrentRun")) {
                if (Thread.currentThread().getName().startsWith("writer-")
                    && arrived.add(Thread.currentThread())) {
                  awaitQuietly(firstPublish);
                }
                boolean moved = (Boolean) method.invoke(delegate, args);
                if (!moved) {
                  conflicts.incrementAndGet();
                }
                return moved;
              }
              return method.invoke(delegate, args);
            });
    LocalUploadBucket bucket = new LocalUploadBucket(bucketRoot);
    UploadIngestor ingestor = new UploadIngestor(store, bucket, Clock.systemUTC());

    new RegionRegistrar(store, Clock.systemUTC())
        .register(
            REGION,
            "Grid",
            "test fixture",
            source("grid.geojson", NEIGHBORHOODS),
            new RegionImportOptions("id", "name", null, List.of()));
    bucket.put(
        BUCKET,
        "uploads/grid/adoption/adoption.csv",
        "nta,adoption\nA,0.5\nB,0.7\nC,0.9\n".getBytes(StandardCharsets.UTF_8),
        Map.of("columns", "id=nta,home_broadband_adoption=adoption"));
    ingestor.ingest(BUCKET, "uploads/grid/adoption/adoption.csv");
    // The region's profile is a custom one (as `gapmap score --profile FILE` leaves it); every
    // ingest must rescore with its stored definition, minimum sample included.
    ScoringProfile custom = custom();
    java.time.Instant customSince =
        new RunPublisher(store, Clock.systemUTC()).publish(REGION, custom).createdAt();

    AtomicBoolean writing = new AtomicBoolean(true);
    List<String> readerFindings = new CopyOnWriteArrayList<>();
    AtomicInteger runsSeen = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    Future<?> reader =
        pool.submit(
            () -> {
              Set<RunId> seen = new HashSet<>();
              while (writing.get()) {
                RunId current = dynamo.region(REGION).orElseThrow().currentRunId();
                if (seen.add(current)) {
                  runsSeen.incrementAndGet();
                  Run run = dynamo.run(REGION, current).orElseThrow();
                  readerFindings.addAll(inconsistencies(run));
                }
                Thread.sleep(10);
              }
              return null;
            });
    List<Future<List<IngestResult>>> writers = new ArrayList<>();
    for (int w = 1; w <= WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                Thread.currentThread().setName("writer-" + writer);
                List<IngestResult> results = new ArrayList<>();
                for (int i = 1; i <= UPLOADS_EACH; i++) {
                  String key = "uploads/grid/points/w" + writer + "-" + i + ".csv";
                  bucket.put(
                      BUCKET,
                      key,
                      point(writer, i).getBytes(StandardCharsets.UTF_8),
                      Map.of("label", "w" + writer + "_" + i));
                  results.add(ingestor.ingest(BUCKET, key));
                }
                return results;
              }));
    }
    List<IngestResult> results = new ArrayList<>();
    for (Future<List<IngestResult>> f : writers) {
      results.addAll(f.get(3, TimeUnit.MINUTES));
    }
    writing.set(false);
    reader.get(1, TimeUnit.MINUTES);
    pool.shutdown();

    assertThat(results).hasSize(WRITERS * UPLOADS_EACH);
    assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(IngestResult.INGESTED));
    assertThat(conflicts.get())
        .as("the writers that lost the first compare-and-set")
        .isGreaterThanOrEqualTo(WRITERS - 1);

    Run current =
        dynamo.run(REGION, dynamo.region(REGION).orElseThrow().currentRunId()).orElseThrow();
    Set<String> uploaded = new HashSet<>();
    results.forEach(r -> uploaded.add(r.uploadId()));
    assertThat(current.inputs().stream().map(UploadId::sha256).toList())
        .as("every upload is an input of the current run")
        .containsAll(uploaded)
        .hasSize(uploaded.size() + 1);
    for (IngestResult r : results) {
      Run answered = dynamo.run(REGION, RunId.of(r.runId())).orElseThrow();
      assertThat(answered.status()).isEqualTo(RunStatus.PUBLISHED);
      assertThat(answered.inputs().stream().map(UploadId::sha256))
          .as("the run an ingest answers with holds its upload")
          .contains(r.uploadId());
    }

    List<Run> runs = dynamo.runs(REGION);
    List<String> findings = new ArrayList<>(readerFindings);
    for (Run run : runs) {
      if (run.status() == RunStatus.PUBLISHED) {
        findings.addAll(inconsistencies(run));
      }
    }
    assertThat(findings).as("runs whose scores are not exactly their inputs").isEmpty();
    assertThat(runsSeen.get()).as("runs the reader saw while the writers ran").isPositive();
    assertThat(runs.stream().filter(r -> !r.createdAt().isBefore(customSince)))
        .as("every run since the custom profile keeps its definition")
        .allSatisfy(
            run -> {
              ScoringProfile used = ScoringProfiles.of(run).orElseThrow();
              assertThat(used.reference()).isEqualTo(custom.reference());
              assertThat(used.minimumSample()).isEqualTo(3);
            });
  }

  /** What is wrong with {@code run}: a neighborhood whose scored values are not its inputs'. */
  private List<String> inconsistencies(Run run) {
    Map<UploadId, UploadRecord> uploads = new HashMap<>();
    dynamo.uploads(REGION).forEach(u -> uploads.put(u.id(), u));
    List<UploadRecord> inputs = new ArrayList<>();
    for (UploadId id : run.inputs()) {
      inputs.add(uploads.get(id)); // oldest first, as the run lists them
    }
    Map<NeighborhoodId, Indicators> expected = CurrentInputs.of(inputs).indicators();
    Map<NeighborhoodId, NeighborhoodScore> scores = new HashMap<>();
    dynamo.scores(REGION, run.id()).forEach(s -> scores.put(s.id(), s));
    List<String> findings = new ArrayList<>();
    for (Neighborhood n : dynamo.neighborhoods(REGION)) {
      NeighborhoodScore score = scores.get(n.id());
      Indicators want = expected.getOrDefault(n.id(), Indicators.empty());
      if (score == null) {
        findings.add(run.id() + ": no score for " + n.id());
      } else if (!score.indicators().equals(want)) {
        findings.add(
            run.id() + " " + n.id() + ": scored " + score.indicators() + ", inputs give " + want);
      }
    }
    return findings;
  }

  private static ScoringProfile custom() {
    return ScoringProfiles.fromDefinition(
        "{\"name\":\"k3\",\"version\":1,\"minimum_sample\":3,\"indicators\":["
            + "{\"name\":\"home_broadband_adoption\",\"weight\":1,\"direction\":\"lower_is_gap\"}]}");
  }

  /** One point inside neighborhood A, B or C. */
  private static String point(int writer, int upload) {
    double lon = -73.985 + 0.01 * ((writer + upload) % 3);
    return String.format(java.util.Locale.ROOT, "lat,lon\n40.75%d%d,%.4f\n", writer, upload, lon);
  }

  private static String square(String id, double west) {
    double east = west + 0.01;
    return String.format(
        java.util.Locale.ROOT,
        "{\"type\":\"Feature\",\"properties\":{\"id\":\"%s\",\"name\":\"%s\"},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%.2f,40.75],[%.2f,40.75],"
            + "[%.2f,40.76],[%.2f,40.76],[%.2f,40.75]]]}}",
        id,
        "Square " + id,
        west,
        east,
        east,
        west,
        west);
  }

  private static InputSource source(String name, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new InputSource(name, () -> new java.io.ByteArrayInputStream(bytes), bytes.length);
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await(1, TimeUnit.MINUTES);
    } catch (BrokenBarrierException | TimeoutException e) {
      // a writer failed before its first publish: go on, the assertions will tell
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A call of the wrapped store, which the interceptor may pass on with {@code method.invoke}. */
  @FunctionalInterface
  private interface Interceptor {
    Object call(ScoreStore delegate, java.lang.reflect.Method method, Object[] args)
        throws Exception;
  }

  private static ScoreStore intercepting(ScoreStore delegate, Interceptor interceptor) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          try {
            return interceptor.call(delegate, method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (ScoreStore)
        Proxy.newProxyInstance(
            ScoreStore.class.getClassLoader(), new Class<?>[] {ScoreStore.class}, handler);
  }
}
