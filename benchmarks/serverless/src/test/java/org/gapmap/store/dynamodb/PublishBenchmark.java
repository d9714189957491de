package org.gapmap.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gapmap.benchmarks.Measure;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.store.StoreFixtures;
import org.gapmap.store.dynamodb.testing.Dynalite;
import org.gapmap.store.dynamodb.testing.DynaliteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishing 2,000 neighborhood scores to dynalite: the store's batched, parallel writes against
 * one PutItem after another. Both write the very same items; the median of five rounds is reported.
 */
@ExtendWith(DynaliteExtension.class)
class PublishBenchmark {
  private static final int SCORES = 2_000;
  private static final int ROUNDS = 5;
  private static final String REGION = "bench";

  @Test
  void batchedParallelWritesAgainstSequentialPutItem(Dynalite dynalite) {
    measure(dynalite, 8);
    measure(dynalite, 4);
    measure(dynalite, 1);
  }

  private static void measure(Dynalite dynalite, int threads) {
    try (DynamoDbClient client = dynalite.client();
        DynamoDbScoreStore store =
            DynamoDbScoreStore.open(
                client,
                DynamoDbStoreConfig.of(Dynalite.uniqueTableName("bench"), true)
                    .withWriteThreads(threads))) {
      store.createRegion(StoreFixtures.region(REGION), StoreFixtures.neighborhoods());
      RegionId regionId = RegionId.of(REGION);
      List<NeighborhoodScore> scores = new ArrayList<>();
      for (int i = 0; i < SCORES; i++) {
        scores.add(StoreFixtures.scored(String.format("N%05d", i), i % 100, i + 1));
      }
      double[] batched = new double[ROUNDS];
      double[] sequential = new double[ROUNDS];
      for (int round = 0; round < ROUNDS; round++) {
        Run batchRun = StoreFixtures.run(REGION, 1000L * round + 1, List.of());
        store.createRun(batchRun);
        long start = System.nanoTime();
        store.putScores(regionId, batchRun.id(), scores);
        batched[round] = SCORES / (Measure.millisSince(start) / 1000);

        Run seqRun = StoreFixtures.run(REGION, 1000L * round + 2, List.of());
        store.createRun(seqRun);
        start = System.nanoTime();
        for (NeighborhoodScore score : scores) {
          Map<String, AttributeValue> item = ScoreItems.item(regionId, seqRun.id(), score);
          client.putItem(b -> b.tableName(store.tableName()).item(item));
        }
        sequential[round] = SCORES / (Measure.millisSince(start) / 1000);
        assertThat(store.scores(regionId, batchRun.id())).hasSize(SCORES);
        assertThat(store.scores(regionId, seqRun.id())).hasSize(SCORES);
      }
      double batchedMedian = Measure.percentile(batched, 50);
      double sequentialMedian = Measure.percentile(sequential, 50);
      Measure.report(
          "publish 2,000 scores, BatchWriteItem x25, " + threads + " threads",
          Measure.format(batchedMedian) + " items/s");
      Measure.report(
          "publish 2,000 scores, sequential PutItem",
          Measure.format(sequentialMedian) + " items/s");
      Measure.report(
          "speed-up with " + threads + " threads",
          Measure.format(batchedMedian / sequentialMedian) + "x");
    }
  }
}
