package org.gapmap.store.dynamodb;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DynamoDbScoreStore} uses its table.
 *
 * @param tableName the table
 * @param createTable create the table on first use if it does not exist
 * @param tableReadyTimeout how long to wait for a table being created to become active
 * @param writeThreads parallel BatchWriteItem calls of one bulk write
 * @param backoff retries of unprocessed or throttled batch writes
 */
public record DynamoDbStoreConfig(
    String tableName,
    boolean createTable,
    Duration tableReadyTimeout,
    int writeThreads,
    Backoff backoff) {
  public DynamoDbStoreConfig {
    Objects.requireNonNull(tableName, "tableName");
    Objects.requireNonNull(tableReadyTimeout, "tableReadyTimeout");
    Objects.requireNonNull(backoff, "backoff");
    if (!tableName.matches("[a-zA-Z0-9_.-]{3,255}")) {
      throw new IllegalArgumentException(
          "table name '" + tableName + "' must be 3-255 letters, digits, '_', '-' or '.'");
    }
    if (writeThreads < 1) {
      throw new IllegalArgumentException("writeThreads must be positive: " + writeThreads);
    }
  }

  /** The table {@code tableName}, created if absent when {@code createTable}; 8 write threads. */
  public static DynamoDbStoreConfig of(String tableName, boolean createTable) {
    return new DynamoDbStoreConfig(
        tableName, createTable, Duration.ofMinutes(2), 8, Backoff.DEFAULT);
  }

  public DynamoDbStoreConfig withWriteThreads(int threads) {
    return new DynamoDbStoreConfig(tableName, createTable, tableReadyTimeout, threads, backoff);
  }
}
