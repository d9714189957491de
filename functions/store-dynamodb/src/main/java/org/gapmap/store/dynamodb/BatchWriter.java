package org.gapmap.store.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes many items with BatchWriteItem: {@value #BATCH_SIZE} items a call (the service's limit),
 * calls running in parallel on an executor. Items the service returns as {@code UnprocessedItems}
 * are sent again after an exponential backoff with full jitter, and so is a call the service
 * throttled after the SDK's own retries; any other failure, or running out of retries, fails the
 * whole write.
 *
 * <p>Batch writes are not atomic: when {@link #putAll} throws, some items may be written. Callers
 * write under a key readers do not follow yet (a BUILDING run) so that this is harmless.
 *
 * <p>Thread-safe.
 */
final class BatchWriter {
  static final int BATCH_SIZE = 25;
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

  /** Waits; replaceable in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final DynamoDbClient client;
  private final Executor executor;
  private final Backoff backoff;
  private final Sleeper sleeper;

  BatchWriter(DynamoDbClient client, Executor executor, Backoff backoff, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Puts every item into {@code table}; returns once all are written. */
  void putAll(String table, List<Map<String, AttributeValue>> items) {
    List<List<WriteRequest>> batches = new ArrayList<>();
    for (int from = 0; from < items.size(); from += BATCH_SIZE) {
      batches.add(
          items.subList(from, Math.min(items.size(), from + BATCH_SIZE)).stream()
              .map(
                  item ->
                      WriteRequest.builder()
                          .putRequest(PutRequest.builder().item(item).build())
                          .build())
              .toList());
    }
    if (batches.size() == 1) {
      writeBatch(table, batches.get(0));
      return;
    }
    List<CompletableFuture<Void>> calls =
        batches.stream()
            .map(batch -> CompletableFuture.runAsync(() -> writeBatch(table, batch), executor))
            .toList();
    try {
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private void writeBatch(String table, List<WriteRequest> batch) {
    List<WriteRequest> pending = batch;
    int retry = 0;
    while (true) {
      List<WriteRequest> unprocessed;
      try {
        BatchWriteItemResponse response =
            client.batchWriteItem(
                BatchWriteItemRequest.builder().requestItems(Map.of(table, pending)).build());
        unprocessed = response.unprocessedItems().getOrDefault(table, List.of());
      } catch (AwsServiceException e) {
        if (!e.isThrottlingException()) {
          throw e;
        }
        unprocessed = pending;
      }
      if (unprocessed.isEmpty()) {
        return;
      }
      retry++;
      if (retry > backoff.maxRetries()) {
        throw new DynamoDbStoreException(
            unprocessed.size()
                + " items of a batch to "
                + table
                + " were still unprocessed after "
                + backoff.maxRetries()
                + " retries; the table is throttling writes");
      }
      Duration delay = backoff.delay(retry);
      LOG.debug(
          "{} unprocessed items, retry {} in {} ms", unprocessed.size(), retry, delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DynamoDbStoreException("interrupted while waiting to retry a batch write", e);
      }
      pending = unprocessed;
    }
  }
}
