package org.gapmap.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.gapmap.api.lambda.ApiHandler;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API Lambda handler in-process on dynalite, in a fresh JVM: init (context, DynamoDB client,
 * table check), the first items request (loads the run from DynamoDB into the cache), and the
 * latency of cached items requests (the event fixture: {@code limit=2&sortby=-gap_score}, and a
 * whole collection, {@code limit=1000}).
 */
@ExtendWith(DynaliteExtension.class)
class ApiHandlerBenchmark {
  private static final int WARMUP = 300;
  private static final int REQUESTS = 2_000;

  @Test
  void initFirstRequestAndCachedLatency(Dynalite dynalite) throws IOException {
    ApplicationContext context =
        ApplicationContext.builder()
            .properties(
                Map.of(
                    "gapmap.table", Dynalite.uniqueTableName("bench-api"),
                    "gapmap.dynamodb-endpoint", dynalite.endpoint().toString(),
                    "gapmap.create-table", true))
            .build();
    long start = System.nanoTime();
    ApiHandler handler = new ApiHandler(context);
    double init = Measure.millisSince(start);
    try {
      NycSeed.registerAndPublish(context.getBean(ScoreStore.class));
      APIGatewayV2HTTPEvent small = event(null);
      APIGatewayV2HTTPEvent whole = event("limit=1000");

      start = System.nanoTime();
      APIGatewayV2HTTPResponse first = handler.handleRequest(small, new BenchLambdaContext());
      double firstRequest = Measure.millisSince(start);
      assertThat(first.getStatusCode()).isEqualTo(200);

      double[] smallTimes = time(handler, small);
      double[] wholeTimes = time(handler, whole);

      Measure.report("API handler init (in-process)", Measure.format(init) + " ms");
      Measure.report("API handler first items request", Measure.format(firstRequest) + " ms");
      Measure.report(
          "API cached items request, limit=2 sortby=-gap_score, p50 / p99",
          Measure.format(Measure.percentile(smallTimes, 50))
              + " ms / "
              + Measure.format(Measure.percentile(smallTimes, 99))
              + " ms");
      Measure.report(
          "API cached items request, limit=1000 (195 features), p50 / p99",
          Measure.format(Measure.percentile(wholeTimes, 50))
              + " ms / "
              + Measure.format(Measure.percentile(wholeTimes, 99))
              + " ms");
    } finally {
      handler.close();
    }
  }

  private static double[] time(ApiHandler handler, APIGatewayV2HTTPEvent event) {
    BenchLambdaContext lambda = new BenchLambdaContext();
    for (int i = 0; i < WARMUP; i++) {
      assertThat(handler.handleRequest(event, lambda).getStatusCode()).isEqualTo(200);
    }
    double[] times = new double[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      APIGatewayV2HTTPResponse response = handler.handleRequest(event, lambda);
      times[i] = Measure.millisSince(start);
      assertThat(response.getStatusCode()).isEqualTo(200);
    }
    return times;
  }

  private static APIGatewayV2HTTPEvent event(String query) throws IOException {
    try (InputStream in =
        ApiHandlerBenchmark.class.getResourceAsStream("/http-api-v2-items.json")) {
      APIGatewayV2HTTPEvent event =
          LambdaEventSerializers.serializerFor(
                  APIGatewayV2HTTPEvent.class, ApiHandlerBenchmark.class.getClassLoader())
              .fromJson(in);
      if (query != null) {
        event.setRawQueryString(query);
        event.setQueryStringParameters(Map.of("limit", "1000"));
      }
      return event;
    }
  }
}
