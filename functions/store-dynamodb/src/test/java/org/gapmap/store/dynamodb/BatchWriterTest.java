package org.gapmap.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class BatchWriterTest {
  private static final String TABLE = "t";
  private static final Backoff HALF_JITTER =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 5, () -> 0.5);

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Test
  void unprocessedItemsAreSentAgainAfterAGrowingJitteredWait() {
    ScriptedClient client =
        new ScriptedClient(
            request -> {
              List<WriteRequest> sent = request.requestItems().get(TABLE);
              // The service takes one item per call and hands the rest back.
              return BatchWriteItemResponse.builder()
                  .unprocessedItems(
                      sent.size() > 1 ? Map.of(TABLE, sent.subList(1, sent.size())) : Map.of())
                  .build();
            });

    writer(client).putAll(TABLE, items(4));

    assertThat(client.calls).extracting(List::size).containsExactly(4, 3, 2, 1);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void throttledCallsAreRetried() {
    int[] count = {0};
    ScriptedClient client =
        new ScriptedClient(
            request -> {
              if (count[0]++ < 2) {
                throw ProvisionedThroughputExceededException.builder()
                    .awsErrorDetails(
                        AwsErrorDetails.builder()
                            .errorCode("ProvisionedThroughputExceededException")
                            .build())
                    .statusCode(400)
                    .build();
              }
              return BatchWriteItemResponse.builder().build();
            });

    writer(client).putAll(TABLE, items(3));

    assertThat(client.calls).hasSize(3);
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void otherFailuresAreNotRetried() {
    ScriptedClient client =
        new ScriptedClient(
            request -> {
              throw DynamoDbException.builder().message("validation").statusCode(400).build();
            });

    assertThatThrownBy(() -> writer(client).putAll(TABLE, items(3)))
        .isInstanceOf(DynamoDbException.class);
    assertThat(client.calls).hasSize(1);
  }

  @Test
  void givesUpAfterTheLastRetry() {
    ScriptedClient client =
        new ScriptedClient(
            request ->
                BatchWriteItemResponse.builder().unprocessedItems(request.requestItems()).build());

    assertThatThrownBy(() -> writer(client).putAll(TABLE, items(2)))
        .isInstanceOf(DynamoDbStoreException.class)
        .hasMessageContaining("2 items")
        .hasMessageContaining("after 5 retries");
    assertThat(client.calls).hasSize(6);
    assertThat(sleeps.get(4)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void splitsIntoCallsOf25() {
    ScriptedClient client = new ScriptedClient(request -> BatchWriteItemResponse.builder().build());

    writer(client).putAll(TABLE, items(51));

    assertThat(client.calls).extracting(List::size).containsExactlyInAnyOrder(25, 25, 1);
    assertThat(sleeps).isEmpty();
  }

  private BatchWriter writer(DynamoDbClient client) {
    return new BatchWriter(client, Runnable::run, HALF_JITTER, sleeps::add);
  }

  private static List<Map<String, AttributeValue>> items(int n) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(Map.of("PK", AttributeValue.fromS("P"), "SK", AttributeValue.fromS("S" + i)));
    }
    return items;
  }

  /** A client whose BatchWriteItem answers as scripted and records what it was sent. */
  private static final class ScriptedClient implements DynamoDbClient {
    final List<List<WriteRequest>> calls = new CopyOnWriteArrayList<>();
    private final Function<BatchWriteItemRequest, BatchWriteItemResponse> script;

    ScriptedClient(Function<BatchWriteItemRequest, BatchWriteItemResponse> script) {
      this.script = script;
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
      calls.add(request.requestItems().get(TABLE));
      return script.apply(request);
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }
}
