package org.gapmap.ingest;

import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.gapmap.core.model.Region;
import org.gapmap.core.store.ScoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SnapStart priming hook. With SnapStart on, Lambda runs the init phase once, calls {@link
 * #beforeCheckpoint} and snapshots the process; every cold start then resumes from that snapshot.
 * Priming reads every region and its neighborhoods, so the DynamoDB client, its connection setup,
 * the JSON and geometry decoders are loaded and compiled in the snapshot rather than on the first
 * upload. Without SnapStart (or CRaC) the hook is never called and costs nothing.
 *
 * <p>Thread-safe.
 */
@Context
final class SnapStartPriming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

  private final ScoreStore store;

  SnapStartPriming(ScoreStore store) {
    this.store = store;
    Core.getGlobalContext().register(this);
  }

  /** Reads every region's neighborhoods; returns how many it read. */
  int prime() {
    int count = 0;
    for (Region region : store.regions()) {
      count += store.neighborhoods(region.id()).size();
    }
    LOG.info("primed with {} neighborhoods", count);
    return count;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the SDK clients resolve credentials and open connections on demand.
  }
}
