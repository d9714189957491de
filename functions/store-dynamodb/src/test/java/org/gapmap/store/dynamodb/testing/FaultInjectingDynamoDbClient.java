package org.gapmap.store.dynamodb.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A {@link DynamoDbClient} in front of a real one that injects the faults DynamoDB has: throttled
 * batch writes, batch writes that leave part of their items unprocessed, and a crash - from the
 * {@code crashAt}-th write call on, every call fails as if the process had died (a timeout), so
 * nothing more is written. Thread-safe.
 */
public final class FaultInjectingDynamoDbClient implements DynamoDbClient {
  private final DynamoDbClient delegate;
  private final int throttleEvery;
  private final boolean leaveHalfUnprocessed;
  private final int crashAt;
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicInteger handedBack = new AtomicInteger();

  /**
   * @param throttleEvery every n-th batch write is throttled (0: never)
   * @param leaveHalfUnprocessed every batch write of more than one item writes only its first half
   *     and hands the rest back as {@code UnprocessedItems}
   * @param crashAt the write call (1-based, counting puts, updates, deletes and batches) from which
   *     on every call fails (0: never)
   */
  public FaultInjectingDynamoDbClient(
      DynamoDbClient delegate, int throttleEvery, boolean leaveHalfUnprocessed, int crashAt) {
    this.delegate = delegate;
    this.throttleEvery = throttleEvery;
    this.leaveHalfUnprocessed = leaveHalfUnprocessed;
    this.crashAt = crashAt;
  }

  /** Write calls seen so far, the failing ones included. */
  public int writeCalls() {
    return writes.get();
  }

  public int throttledCalls() {
    return throttled.get();
  }

  public int unprocessedItemsHandedBack() {
    return handedBack.get();
  }

  @Override
  public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
    write();
    if (throttleEvery > 0 && batches.incrementAndGet() % throttleEvery == 0) {
      throttled.incrementAndGet();
      throw ProvisionedThroughputExceededException.builder()
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .errorCode("ProvisionedThroughputExceededException")
                  .errorMessage("injected throttling")
                  .build())
          .statusCode(400)
          .build();
    }
    if (!leaveHalfUnprocessed) {
      return delegate.batchWriteItem(request);
    }
    Map<String, List<WriteRequest>> now = new LinkedHashMap<>();
    Map<String, List<WriteRequest>> later = new LinkedHashMap<>();
    request
        .requestItems()
        .forEach(
            (table, items) -> {
              int half = items.size() > 1 ? items.size() / 2 : items.size();
              now.put(table, new ArrayList<>(items.subList(0, half)));
              if (half < items.size()) {
                later.put(table, new ArrayList<>(items.subList(half, items.size())));
                handedBack.addAndGet(items.size() - half);
              }
            });
    BatchWriteItemResponse response =
        delegate.batchWriteItem(request.toBuilder().requestItems(now).build());
    Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>(later);
    response
        .unprocessedItems()
        .forEach(
            (table, items) ->
                unprocessed.merge(
                    table,
                    items,
                    (a, b) -> {
                      List<WriteRequest> all = new ArrayList<>(a);
                      all.addAll(b);
                      return all;
                    }));
    return response.toBuilder().unprocessedItems(unprocessed).build();
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    write();
    return delegate.putItem(request);
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    write();
    return delegate.updateItem(request);
  }

  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    write();
    return delegate.deleteItem(request);
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    crashed();
    return delegate.getItem(request);
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    crashed();
    return delegate.query(request);
  }

  @Override
  public CreateTableResponse createTable(CreateTableRequest request) {
    return delegate.createTable(request);
  }

  @Override
  public DescribeTableResponse describeTable(DescribeTableRequest request) {
    return delegate.describeTable(request);
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {
    // the delegate belongs to the caller
  }

  private void write() {
    int n = writes.incrementAndGet();
    if (crashAt > 0 && n >= crashAt) {
      throw ApiCallTimeoutException.create("injected crash at write call " + crashAt, null);
    }
  }

  private void crashed() {
    if (crashAt > 0 && writes.get() >= crashAt) {
      throw ApiCallTimeoutException.create("injected crash: the process is gone", null);
    }
  }
}
