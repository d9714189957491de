package org.gapmap.api;

import jakarta.inject.Singleton;
import org.gapmap.core.model.RegionId;

/**
 * Loads a region's current run into the API's cache ahead of the first request, for runtimes that
 * warm up before serving (a Lambda SnapStart priming hook). Thread-safe.
 */
@Singleton
public final class RunPreloader {
  private final RunCache runs;

  RunPreloader(RunCache runs) {
    this.runs = runs;
  }

  /** Loads the region's current run; {@code false} if it has none with features. */
  public boolean preload(RegionId regionId) {
    return runs.current(regionId).isPresent();
  }
}
