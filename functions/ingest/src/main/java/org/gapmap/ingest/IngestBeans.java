package org.gapmap.ingest;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.store.dynamodb.DynamoDbClients;
import org.gapmap.store.dynamodb.DynamoDbScoreStore;
import org.gapmap.store.dynamodb.DynamoDbStoreConfig;
import org.gapmap.store.dynamodb.TableLayout;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function's beans, configured from the environment:
 *
 * <ul>
 *   <li>{@code GAPMAP_TABLE} — DynamoDB table (default {@value TableLayout#DEFAULT_TABLE})
 *   <li>{@code GAPMAP_DYNAMODB_ENDPOINT} — a DynamoDB-compatible server instead of AWS (tests)
 *   <li>{@code GAPMAP_CREATE_TABLE} — create the table if absent (default false)
 *   <li>{@code GAPMAP_S3_ENABLED} — {@code false} when a test supplies its own {@link UploadBucket}
 * </ul>
 *
 * Region and credentials come from the Lambda environment.
 */
@Factory
final class IngestBeans {
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

  @Singleton
  @Requires(property = "gapmap.s3-enabled", notEquals = "false")
  @Bean(preDestroy = "close")
  S3Client s3() {
    return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
  }

  @Singleton
  @Requires(property = "gapmap.s3-enabled", notEquals = "false")
  UploadBucket bucket(S3Client s3) {
    return new S3UploadBucket(s3);
  }

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  UploadIngestor ingestor(ScoreStore store, UploadBucket bucket, Clock clock) {
    return new UploadIngestor(store, bucket, clock);
  }
}
