package org.gapmap.core.run;

import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.ScoreStoreContract;

/** The test store obeys the same contract as the real adapters. */
class InMemoryScoreStoreTest extends ScoreStoreContract {
  @Override
  protected ScoreStore newStore() {
    return new InMemoryScoreStore();
  }
}
