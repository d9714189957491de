package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapmap.api.GapmapServer;
import org.gapmap.core.model.RegionId;
import org.gapmap.store.dynamodb.DynamoDbClients;
import org.gapmap.store.dynamodb.DynamoDbScoreStore;
import org.gapmap.store.dynamodb.DynamoDbStoreConfig;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The command line on DynamoDB (dynalite) and on the embedded store, fed the same NYC files, gives
 * the same GeoJSON: exported, and served by the API. Only the run's id and time differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DynaliteExtension.class)
class DynamoDbEndToEndTest {
  private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{4}");
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  @TempDir static Path work;
  private Dynalite dynalite;
  private String table;
  private Path dataDir;

  @BeforeAll
  void loadBothStores(Dynalite server) throws IOException {
    dynalite = server;
    table = Dynalite.uniqueTableName("e2e");
    dataDir = work.resolve("embedded");
    Path nta = NycData.copy(NycData.NTA2010, work);
    Path imp = NycData.copy(NycData.IMP, work);
    Path poles = NycData.copy(NycData.POLES, work);
    for (List<String> store : List.of(embedded(), dynamo(true))) {
      run(
          store,
          "region",
          "add",
          "nyc",
          nta.toString(),
          "--id-property",
          "NTACode",
          "--name-property",
          "NTAName",
          "--unranked",
          "NTACode~.*(98|99)");
      run(store, "ingest", "nyc", "adoption", imp.toString(), "--preset", "nyc-imp");
      run(store, "ingest", "nyc", "points", poles.toString(), "--label", "small_cells");
      run(store, "score", "nyc", "--profile", "home-adoption");
    }
  }

  @Test
  void geojsonExportIsTheSameOnBothStores() {
    String embedded = run(embedded(), "export", "nyc", "--format", "geojson").out();
    String dynamo = run(dynamo(false), "export", "nyc", "--format", "geojson").out();

    assertThat(embedded).contains("\"features\"").contains("BK93");
    assertThat(runIds(dynamo)).hasSize(1);
    assertThat(normalized(dynamo)).isEqualTo(normalized(embedded));
  }

  @Test
  void csvExportIsTheSameOnBothStores() {
    String embedded = run(embedded(), "export", "nyc", "--format", "csv").out();
    String dynamo = run(dynamo(false), "export", "nyc", "--format", "csv").out();

    assertThat(embedded.lines()).hasSize(196);
    assertThat(normalized(dynamo)).isEqualTo(normalized(embedded));
  }

  @Test
  void servedItemsAreTheSameOnBothStores() throws Exception {
    String path = "/collections/nyc/items?limit=1000&sortby=-gap_score";
    String embedded;
    try (SqliteScoreStore store = SqliteScoreStore.open(dataDir);
        GapmapServer server = GapmapServer.start(store, 0)) {
      embedded = get(server, path);
    }
    String dynamo;
    try (DynamoDbClient client = DynamoDbClients.create(dynalite.endpoint(), null);
        DynamoDbScoreStore store =
            DynamoDbScoreStore.open(client, DynamoDbStoreConfig.of(table, false));
        GapmapServer server = GapmapServer.start(store, 0)) {
      assertThat(store.region(RegionId.of("nyc")).orElseThrow().version()).isEqualTo(3);
      dynamo = get(server, path);
    }

    assertThat(embedded).contains("\"numberReturned\":195");
    assertThat(normalized(dynamo).replaceAll("localhost:\\d+", "HOST"))
        .isEqualTo(normalized(embedded).replaceAll("localhost:\\d+", "HOST"));
  }

  private static String get(GapmapServer server, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static List<String> runIds(String text) {
    List<String> ids = new ArrayList<>();
    Matcher m = RUN_ID.matcher(text);
    while (m.find()) {
      if (!ids.contains(m.group())) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  /** The text with the run's id and timestamps blanked out, the only fields that must differ. */
  private static String normalized(String text) {
    String withoutTimes = INSTANT.matcher(text).replaceAll("TIME");
    return RUN_ID.matcher(withoutTimes).replaceAll("RUN");
  }

  private List<String> embedded() {
    return List.of("--data-dir", dataDir.toString());
  }

  private List<String> dynamo(boolean create) {
    List<String> options =
        new ArrayList<>(
            List.of(
                "--store",
                "dynamodb",
                "--dynamodb-endpoint",
                dynalite.endpoint().toString(),
                "--table",
                table));
    if (create) {
      options.add("--create-table");
    }
    return options;
  }

  private static CliRun run(List<String> store, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(store);
    CliRun result = CliRun.of(all.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result;
  }
}
