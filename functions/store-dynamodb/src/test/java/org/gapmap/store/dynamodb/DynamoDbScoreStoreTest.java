package org.gapmap.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.store.StoreFixtures.neighborhoods;
import static org.gapmap.core.store.StoreFixtures.region;
import static org.gapmap.core.store.StoreFixtures.run;
import static org.gapmap.core.store.StoreFixtures.scored;
import static org.gapmap.core.store.StoreFixtures.unscored;
import static org.gapmap.core.store.StoreFixtures.upload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.ScoreStoreContract;
import org.gapmap.core.store.StoreConflictException;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.gapmap.store.dynamodb.testing.RecordedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.PrecisionModel;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The store contract on dynalite, plus what only DynamoDB has: requests, batching, item sizes. */
@ExtendWith(DynaliteExtension.class)
class DynamoDbScoreStoreTest extends ScoreStoreContract {
  private static Dynalite dynalite;

  private final RecordedRequests requests = new RecordedRequests();
  private final List<DynamoDbClient> clients = new ArrayList<>();

  @BeforeAll
  static void server(Dynalite server) {
    dynalite = server;
  }

  @Override
  protected ScoreStore newStore() {
    return open(Dynalite.uniqueTableName("contract"));
  }

  @AfterEach
  void closeClients() {
    clients.forEach(DynamoDbClient::close);
  }

  private DynamoDbScoreStore open(String table) {
    DynamoDbClient client = dynalite.client(requests);
    clients.add(client);
    return DynamoDbScoreStore.open(client, DynamoDbStoreConfig.of(table, true));
  }

  private DynamoDbScoreStore dynamo() {
    return (DynamoDbScoreStore) store();
  }

  @Test
  void createsTheTableWithTheKeySchemaAndTheRankIndex() {
    CreateTableRequest create = requests.of(CreateTableRequest.class).get(0);

    assertThat(create.tableName()).isEqualTo(dynamo().tableName());
    assertThat(create.keySchema())
        .containsExactly(key("PK", KeyType.HASH), key("SK", KeyType.RANGE));
    GlobalSecondaryIndex index = create.globalSecondaryIndexes().get(0);
    assertThat(index.indexName()).isEqualTo("GSI1");
    assertThat(index.keySchema())
        .containsExactly(key("GSI1PK", KeyType.HASH), key("GSI1SK", KeyType.RANGE));
    assertThat(create.billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
  }

  @Test
  void aSecondStoreOnTheTableDoesNotCreateItAgain() {
    try (DynamoDbScoreStore second = open(dynamo().tableName())) {
      assertThat(second.regions()).isEmpty();
    }

    assertThat(requests.of(CreateTableRequest.class)).hasSize(1);
  }

  @Test
  void refusesAMissingTableUnlessAllowedToCreateIt() {
    DynamoDbClient client = dynalite.client();
    clients.add(client);

    assertThatThrownBy(
            () -> DynamoDbScoreStore.open(client, DynamoDbStoreConfig.of("no-such-table", false)))
        .isInstanceOf(DynamoDbStoreException.class)
        .hasMessageContaining("no-such-table does not exist")
        .hasMessageContaining("--create-table");
  }

  @Test
  void regionIsPutOnlyIfAbsent() {
    store().createRegion(region(REGION), neighborhoods());

    PutItemRequest put = requests.of(PutItemRequest.class).get(0);
    assertThat(put.item().get("PK").s()).isEqualTo("REGION#" + REGION);
    assertThat(put.item().get("SK").s()).isEqualTo("META");
    assertThat(put.item().get("GSI1PK").s()).isEqualTo("REGIONS");
    assertThat(put.conditionExpression())
        .isEqualTo("attribute_not_exists(#pk) OR (#ready = :false AND #created < :stale)");
    assertThat(put.expressionAttributeValues().get(":stale").n())
        .isEqualTo(Long.toString(region(REGION).createdAt().minusSeconds(15 * 60).toEpochMilli()));
    assertThat(put.expressionAttributeNames()).containsEntry("#pk", "PK");
  }

  @Test
  void aRegistrationThatDiedHalfWayIsTakenOverOnceStaleAndItsLeftoversRemoved() {
    Map<String, AttributeValue> meta = RegionItems.meta(region(REGION));
    meta.put("ready", AttributeValue.fromBool(false));
    meta.put("registration", AttributeValue.fromS("crashed"));
    DynamoDbClient client = clients.get(0);
    client.putItem(b -> b.tableName(dynamo().tableName()).item(meta));
    Neighborhood stray = neighborhoods().get(0);
    Neighborhood leftover =
        new Neighborhood(NeighborhoodId.of("ZZ01"), "Left over", null, true, stray.geometry(), 1.0);
    client.putItem(
        b ->
            b.tableName(dynamo().tableName())
                .item(
                    RegionItems.neighborhood(
                        REGION_ID,
                        leftover,
                        Map.of("blob", Attributes.b(GeometryCodec.encode(stray.geometry()))))));
    assertThat(store().region(REGION_ID)).isEmpty();
    assertThat(store().regions()).isEmpty();

    Region fresh =
        new Region(
            REGION_ID,
            "Region again",
            region(REGION).bbox(),
            3,
            "",
            region(REGION).createdAt().plusSeconds(16 * 60),
            null,
            0);
    Region tooEarly =
        new Region(
            REGION_ID, "Too early", fresh.bbox(), 3, "", region(REGION).createdAt(), null, 0);

    assertThatThrownBy(() -> store().createRegion(tooEarly, neighborhoods()))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("being registered");
    store().createRegion(fresh, neighborhoods());

    assertThat(store().region(REGION_ID)).contains(fresh);
    assertThat(store().neighborhoods(REGION_ID))
        .extracting(n -> n.id().value())
        .containsExactly("BK09", "BK99", "MN17");
  }

  @Test
  void uploadIsPutOnlyIfItsContentHashIsAbsent() {
    store().createRegion(region(REGION), neighborhoods());
    UploadRecord upload = upload(REGION, "adoption-2023", 10);
    requests.clear();

    store().putUpload(upload);

    PutItemRequest put = requests.of(PutItemRequest.class).get(0);
    assertThat(put.item().get("SK").s()).isEqualTo("UPLOAD#" + upload.id().sha256());
    assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
  }

  @Test
  void currentRunMovesByCompareAndSetOnTheVersion() {
    store().createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of());
    store().createRun(run);
    store().setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);
    requests.clear();

    assertThat(store().setCurrentRun(REGION_ID, 0, run.id())).isTrue();

    UpdateItemRequest update = requests.of(UpdateItemRequest.class).get(0);
    assertThat(update.key())
        .containsEntry("PK", AttributeValue.fromS("REGION#" + REGION))
        .containsEntry("SK", AttributeValue.fromS("META"));
    assertThat(update.conditionExpression()).isEqualTo("#version = :expected");
    assertThat(update.updateExpression())
        .isEqualTo("SET #current = :run, #version = #version + :one");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":expected", AttributeValue.fromN("0"))
        .containsEntry(":run", AttributeValue.fromS(run.id().value()));
  }

  @Test
  void runStatusMovesOnlyFromBuilding() {
    store().createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of());
    store().createRun(run);
    requests.clear();

    store().setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);

    UpdateItemRequest update = requests.of(UpdateItemRequest.class).get(0);
    assertThat(update.conditionExpression())
        .isEqualTo("attribute_exists(#pk) AND #status = :building");
    assertThat(update.expressionAttributeValues())
        .containsEntry(":new", AttributeValue.fromS("PUBLISHED"));
  }

  @Test
  void scoresAreWrittenInBatchesOf25() {
    store().createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of());
    store().createRun(run);
    List<NeighborhoodScore> scores = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      scores.add(scored(String.format("N%03d", i), i, i + 1));
    }
    requests.clear();

    store().putScores(REGION_ID, run.id(), scores);

    assertThat(requests.of(BatchWriteItemRequest.class))
        .extracting(r -> r.requestItems().get(dynamo().tableName()).size())
        .containsExactlyInAnyOrder(25, 25, 10);
    assertThat(store().scores(REGION_ID, run.id())).containsExactlyElementsOf(scores);
  }

  @Test
  void topRankedReadsTheRankIndexInRankOrder() {
    store().createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of());
    store().createRun(run);
    List<NeighborhoodScore> scores = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      scores.add(scored(String.format("N%03d", i), 100 - i, 40 - i));
    }
    scores.add(unscored("PARK"));
    store().putScores(REGION_ID, run.id(), scores);
    requests.clear();

    List<NeighborhoodScore> top = dynamo().topRanked(REGION_ID, run.id(), 3);

    assertThat(top).extracting(NeighborhoodScore::rank).containsExactly(1, 2, 3);
    assertThat(top.get(0).id()).isEqualTo(NeighborhoodId.of("N039"));
    QueryRequest query = requests.of(QueryRequest.class).get(0);
    assertThat(query.indexName()).isEqualTo("GSI1");
    assertThat(query.limit()).isEqualTo(3);
    assertThat(query.expressionAttributeValues().get(":pk").s())
        .isEqualTo("RANK#" + REGION + "#" + run.id().value());
  }

  @Test
  void aNeighborhoodLargerThanAnItemIsSplitAndReadBackExactly() {
    Geometry huge = noisyPolygon(60_000);
    Neighborhood big = new Neighborhood(NeighborhoodId.of("BIG"), "Big", null, true, huge, 12.5);
    List<Neighborhood> written = new ArrayList<>(neighborhoods());
    written.add(big);

    store().createRegion(region(REGION), written);

    List<WriteRequest> writes =
        requests.of(BatchWriteItemRequest.class).stream()
            .flatMap(r -> r.requestItems().get(dynamo().tableName()).stream())
            .toList();
    List<Map<String, AttributeValue>> parts =
        writes.stream()
            .map(w -> w.putRequest().item())
            .filter(item -> item.get("SK").s().startsWith("PART#"))
            .toList();
    assertThat(parts).hasSizeGreaterThan(2);
    assertThat(parts)
        .allSatisfy(
            part ->
                assertThat(part.get("data").b().asByteArray().length)
                    .isLessThanOrEqualTo(200 * 1024));
    Neighborhood read =
        store().neighborhoods(REGION_ID).stream()
            .filter(n -> n.id().value().equals("BIG"))
            .findFirst()
            .orElseThrow();
    assertThat(read.geometry().equalsExact(huge)).isTrue();
    assertThat(store().neighborhoods(REGION_ID)).hasSize(4);
  }

  @Test
  void largeUploadBodiesAreSplitToo() {
    DynamoDbClient client = dynalite.client();
    clients.add(client);
    String table = Dynalite.uniqueTableName("small-items");
    TableSetup.ensureTable(client, DynamoDbStoreConfig.of(table, true));
    try (DynamoDbScoreStore small =
        new DynamoDbScoreStore(client, DynamoDbStoreConfig.of(table, true), 64)) {
      small.createRegion(region(REGION), neighborhoods());
      UploadRecord upload = upload(REGION, "adoption-2023", 10);

      assertThat(small.putUpload(upload)).isTrue();

      assertThat(small.upload(REGION_ID, upload.id())).contains(upload);
      assertThat(small.neighborhoods(REGION_ID)).hasSize(3);
    }
  }

  private static Geometry noisyPolygon(int vertices) {
    GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
    Random random = new Random(42);
    Coordinate[] ring = new Coordinate[vertices + 1];
    for (int i = 0; i < vertices; i++) {
      double angle = 2 * Math.PI * i / vertices;
      double radius = 0.01 * (1 + 0.001 * random.nextDouble());
      ring[i] = new Coordinate(-73.95 + radius * Math.cos(angle), 40.7 + radius * Math.sin(angle));
    }
    ring[vertices] = ring[0].copy();
    LinearRing shell = factory.createLinearRing(ring);
    return factory.createPolygon(shell);
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }
}
