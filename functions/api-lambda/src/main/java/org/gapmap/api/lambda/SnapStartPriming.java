package org.gapmap.api.lambda;

import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.gapmap.api.RunPreloader;
import org.gapmap.core.model.Region;
import org.gapmap.core.store.ScoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SnapStart priming hook. With SnapStart on, Lambda runs the init phase once, calls {@link
 * #beforeCheckpoint} and snapshots the process. Priming loads every region's current run into the
 * API's run cache (reading DynamoDB, decoding geometries, encoding GeoJSON), so a container
 * restored from the snapshot answers its first request from memory. Without SnapStart (or CRaC) the
 * hook is never called and costs nothing.
 *
 * <p>Thread-safe.
 */
@Context
final class SnapStartPriming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

  private final ScoreStore store;
  private final RunPreloader preloader;

  SnapStartPriming(ScoreStore store, RunPreloader preloader) {
    this.store = store;
    this.preloader = preloader;
    Core.getGlobalContext().register(this);
  }

  /** Loads every region's current run; returns how many regions it loaded. */
  int prime() {
    int count = 0;
    for (Region region : store.regions()) {
      if (preloader.preload(region.id())) {
        count++;
      }
    }
    LOG.info("primed {} regions", count);
    return count;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the SDK client resolves credentials and opens connections on demand.
  }
}
