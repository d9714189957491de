package org.gapmap.store.dynamodb;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Checks that the table exists, creating it and waiting for it when configured to. Stateless. */
final class TableSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TableSetup.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private TableSetup() {}

  static void ensureTable(DynamoDbClient client, DynamoDbStoreConfig config) {
    String table = config.tableName();
    try {
      client.describeTable(b -> b.tableName(table));
      return;
    } catch (ResourceNotFoundException absent) {
      if (!config.createTable()) {
        throw new DynamoDbStoreException(
            "DynamoDB table "
                + table
                + " does not exist; create it (the command line's --create-table does) or name"
                + " another one",
            absent);
      }
    }
    LOG.info("creating DynamoDB table {}", table);
    try {
      client.createTable(TableLayout.createTableRequest(table));
    } catch (ResourceInUseException createdMeanwhile) {
      LOG.info("table {} was created by another process meanwhile", table);
    }
    long attempts = Math.max(1, config.tableReadyTimeout().toMillis() / POLL.toMillis());
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .backoffStrategyV2(BackoffStrategy.fixedDelay(POLL))
                    .maxAttempts((int) Math.min(Integer.MAX_VALUE, attempts))
                    .build())
            .build()) {
      WaiterResponse<DescribeTableResponse> ready =
          waiter.waitUntilTableExists(b -> b.tableName(table));
      if (ready.matched().exception().isPresent()) {
        throw new DynamoDbStoreException(
            "DynamoDB table " + table + " did not become active",
            ready.matched().exception().get());
      }
    }
  }
}
