package org.gapmap.api.lambda;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.store.dynamodb.DynamoDbClients;
import org.gapmap.store.dynamodb.DynamoDbScoreStore;
import org.gapmap.store.dynamodb.DynamoDbStoreConfig;
import org.gapmap.store.dynamodb.TableLayout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The function's store, configured from the environment: {@code GAPMAP_TABLE} (default {@value
 * TableLayout#DEFAULT_TABLE}), {@code GAPMAP_DYNAMODB_ENDPOINT} (a DynamoDB-compatible server
 * instead of AWS) and {@code GAPMAP_CREATE_TABLE} (default false). Region and credentials come from
 * the Lambda environment.
 */
@Factory
final class ApiBeans {
  @Singleton
  @Bean(preDestroy = "close")
  DynamoDbClient dynamoDb(@Value("${gapmap.dynamodb-endpoint:}") String endpoint) {
    return DynamoDbClients.create(endpoint.isBlank() ? null : URI.create(endpoint), null);
  }

  @Singleton
  @Bean(preDestroy = "close")
  ScoreStore store(
      DynamoDbClient client,
      @Value("${gapmap.table:" + TableLayout.DEFAULT_TABLE + "}") String table,
      @Value("${gapmap.create-table:false}") boolean createTable) {
    return DynamoDbScoreStore.open(client, DynamoDbStoreConfig.of(table, createTable));
  }
}
