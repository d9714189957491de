package org.gapmap.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.ingest.IngestHandler;
import org.gapmap.ingest.IngestResult;
import org.gapmap.ingest.testing.LocalUploadBucket;
import org.gapmap.ingest.testing.TestLambdaContext;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest Lambda handler in-process on dynalite, in a fresh JVM: init (context, clients, table
 * check) and the first invocation, which ingests the NYC Internet Master Plan table (195 rows),
 * rescores the 195 neighborhoods and publishes the run.
 */
@ExtendWith(DynaliteExtension.class)
class IngestHandlerBenchmark {
  private static final String BUCKET = "gapmap-uploads-example";

  @TempDir Path root;

  @Test
  void initAndFirstInvocation(Dynalite dynalite) throws IOException {
    LocalUploadBucket bucket = new LocalUploadBucket(root);
    bucket.put(
        BUCKET,
        "uploads/nyc-nta2010/adoption/internet master plan 2020.csv",
        NycSeed.bytes("nyc_internet_master_plan_by_nta2010.csv"),
        Map.of("preset", "nyc-imp"));
    ApplicationContext context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "gapmap.table",
                    Dynalite.uniqueTableName("bench-ingest"),
                    "gapmap.dynamodb-endpoint",
                    dynalite.endpoint().toString(),
                    "gapmap.create-table",
                    true,
                    "gapmap.s3-enabled",
                    false))
            .singletons(bucket)
            .build();
    long start = System.nanoTime();
    IngestHandler handler = new IngestHandler(context);
    double init = Measure.millisSince(start);
    try {
      NycSeed.register(context.getBean(ScoreStore.class));
      S3Event event;
      try (InputStream in = getClass().getResourceAsStream("/s3-object-created.json")) {
        event =
            LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
                .fromJson(in);
      }
      start = System.nanoTime();
      List<IngestResult> results = handler.handleRequest(event, new TestLambdaContext("ingest"));
      double first = Measure.millisSince(start);
      assertThat(results.get(0).status()).isEqualTo(IngestResult.INGESTED);

      Measure.report("ingest handler init (in-process)", Measure.format(init) + " ms");
      Measure.report(
          "ingest handler first invocation (195-row upload, rescore, publish)",
          Measure.format(first) + " ms");
    } finally {
      handler.close();
    }
  }
}
