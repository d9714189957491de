package org.gapmap.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.StoreFixtures;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.gapmap.store.dynamodb.testing.FaultInjectingDynamoDbClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB faults injected in front of dynalite: throttling and {@code UnprocessedItems} are
 * retried until every item is written; a crash at any write call of a publish leaves readers on the
 * previous complete run, and publishing again completes.
 */
@ExtendWith(DynaliteExtension.class)
class FaultInjectionTest {
  private static final String REGION = "faults";
  private static final RegionId REGION_ID = RegionId.of(REGION);
  private static final Backoff FAST =
      new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 20, () -> 0.5);

  private final List<DynamoDbClient> clients = new ArrayList<>();
  private final AtomicLong tick = new AtomicLong();

  @AfterEach
  void close() {
    clients.forEach(DynamoDbClient::close);
  }

  @Test
  void throttlingAndUnprocessedItemsAreRetriedUntilEveryScoreIsWritten(Dynalite dynalite) {
    String table = Dynalite.uniqueTableName("faults");
    FaultInjectingDynamoDbClient faulty =
        new FaultInjectingDynamoDbClient(client(dynalite), 3, true, 0);
    DynamoDbScoreStore store = open(faulty, table);
    seed(store);

    Run run = publisher(store).publish(REGION_ID, profile());

    assertThat(faulty.throttledCalls()).isPositive();
    assertThat(faulty.unprocessedItemsHandedBack()).isPositive();
    DynamoDbScoreStore reader = open(client(dynalite), table);
    assertThat(reader.region(REGION_ID).orElseThrow().currentRun()).contains(run.id());
    assertThat(reader.scores(REGION_ID, run.id())).hasSize(StoreFixtures.neighborhoods().size());
  }

  @Test
  void aCrashAtAnyWriteOfAPublishLeavesThePreviousRunAndARerunCompletes(Dynalite dynalite) {
    String table = Dynalite.uniqueTableName("crash");
    DynamoDbScoreStore healthy = open(client(dynalite), table);
    seed(healthy);
    RunId previous = publisher(healthy).publish(REGION_ID, profile()).id();

    // Count the write calls of one publish, then crash at each of them in turn.
    FaultInjectingDynamoDbClient counting =
        new FaultInjectingDynamoDbClient(client(dynalite), 0, false, 0);
    previous = publisher(open(counting, table)).publish(REGION_ID, profile()).id();
    int writesPerPublish = counting.writeCalls();
    assertThat(writesPerPublish).isGreaterThanOrEqualTo(3);

    for (int crashAt = 1; crashAt <= writesPerPublish; crashAt++) {
      FaultInjectingDynamoDbClient crashing =
          new FaultInjectingDynamoDbClient(client(dynalite), 0, false, crashAt);
      DynamoDbScoreStore doomed = open(crashing, table);
      assertThatThrownBy(() -> publisher(doomed).publish(REGION_ID, profile()))
          .as("crash at write %d of %d", crashAt, writesPerPublish)
          .isInstanceOf(RuntimeException.class);

      Region seen = healthy.region(REGION_ID).orElseThrow();
      assertThat(seen.currentRun()).as("after a crash at write %d", crashAt).contains(previous);
      assertThat(healthy.run(REGION_ID, previous).orElseThrow().status())
          .isEqualTo(RunStatus.PUBLISHED);
      assertThat(healthy.scores(REGION_ID, previous)).hasSize(StoreFixtures.neighborhoods().size());

      Run rerun = publisher(healthy).publish(REGION_ID, profile());
      assertThat(healthy.region(REGION_ID).orElseThrow().currentRun()).contains(rerun.id());
      assertThat(healthy.scores(REGION_ID, rerun.id()))
          .hasSize(StoreFixtures.neighborhoods().size());
      previous = rerun.id();
    }
  }

  private void seed(DynamoDbScoreStore store) {
    store.createRegion(StoreFixtures.region(REGION), StoreFixtures.neighborhoods());
    store.putUpload(StoreFixtures.upload(REGION, "adoption-2023", 1));
  }

  private RunPublisher publisher(DynamoDbScoreStore store) {
    // a distinct instant, hence a distinct run id, for every publish
    Instant at = StoreFixtures.T0.plusSeconds(60 * tick.incrementAndGet());
    return new RunPublisher(store, Clock.fixed(at, ZoneOffset.UTC));
  }

  private static ScoringProfile profile() {
    return ScoringProfiles.builtIn(ScoringProfiles.DEFAULT).orElseThrow();
  }

  private DynamoDbClient client(Dynalite dynalite) {
    DynamoDbClient c = dynalite.client();
    clients.add(c);
    return c;
  }

  private static DynamoDbScoreStore open(DynamoDbClient client, String table) {
    return DynamoDbScoreStore.open(
        client, new DynamoDbStoreConfig(table, true, Duration.ofMinutes(1), 4, FAST));
  }
}
