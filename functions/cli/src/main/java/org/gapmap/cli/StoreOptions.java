package org.gapmap.cli;

import java.net.URI;
import java.nio.file.Path;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.store.dynamodb.DynamoDbClients;
import org.gapmap.store.dynamodb.DynamoDbScoreStore;
import org.gapmap.store.dynamodb.DynamoDbStoreConfig;
import org.gapmap.store.dynamodb.TableLayout;
import org.gapmap.store.embedded.SqliteScoreStore;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store options every command shares: the embedded store, or a DynamoDB table. */
final class StoreOptions {
  /** Where data lives. */
  enum Kind {
    EMBEDDED,
    DYNAMODB
  }

  /** Reads {@code embedded} or {@code dynamodb}, in any case. */
  static final class KindConverter implements ITypeConverter<Kind> {
    @Override
    public Kind convert(String value) {
      for (Kind kind : Kind.values()) {
        if (kind.name().equalsIgnoreCase(value)) {
          return kind;
        }
      }
      throw new TypeConversionException("expected embedded or dynamodb, found '" + value + "'");
    }
  }

  @Option(
      names = "--store",
      paramLabel = "embedded|dynamodb",
      converter = KindConverter.class,
      defaultValue = "${GAPMAP_STORE:-embedded}",
      description =
          "embedded (a database file under --data-dir) or dynamodb (a DynamoDB table; default:"
              + " ${DEFAULT-VALUE}).")
  Kind kind;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description =
          "A DynamoDB-compatible server, such as http://localhost:4567; without it, AWS DynamoDB"
              + " with credentials from the default provider chain.")
  URI endpoint;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      defaultValue = TableLayout.DEFAULT_TABLE,
      description = "DynamoDB table (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(names = "--create-table", description = "Create the DynamoDB table if it is absent.")
  boolean createTable;

  @Option(
      names = "--region",
      paramLabel = "AWS_REGION",
      description = "AWS region of the table (default: from the environment or AWS config).")
  String awsRegion;

  /** The store these options name, and what to close after it. */
  record Opened(ScoreStore store, AutoCloseable resources, String description) {}

  Opened open(Path dataDir) {
    if (kind == Kind.EMBEDDED) {
      if (endpoint != null || createTable || awsRegion != null) {
        throw new IllegalArgumentException(
            "--dynamodb-endpoint, --create-table and --region need --store dynamodb");
      }
      SqliteScoreStore store = SqliteScoreStore.open(dataDir);
      return new Opened(store, () -> {}, "data in " + dataDir);
    }
    DynamoDbClient client = DynamoDbClients.create(endpoint, awsRegion);
    try {
      DynamoDbScoreStore store =
          DynamoDbScoreStore.open(client, DynamoDbStoreConfig.of(table, createTable));
      return new Opened(
          store,
          client,
          "data in DynamoDB table " + table + (endpoint == null ? "" : " at " + endpoint));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
