package org.gapmap.api;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.store.ScoreStore;

/**
 * Regions and any of their published runs, current or past, for the history, diff and priority
 * resources. The current run comes from the {@link RunCache}; past runs are immutable once
 * published, so the few most recently asked for are kept. Unknown ids, malformed ids and runs that
 * were never published answer 404. Thread-safe.
 */
@Singleton
final class RunHistory {
  private static final int KEEP = 8;

  private final ScoreStore store;
  private final RunCache current;
  private final Map<String, PublishedRun> recent =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PublishedRun> eldest) {
          return size() > KEEP;
        }
      };

  RunHistory(ScoreStore store, RunCache current) {
    this.store = store;
    this.current = current;
  }

  ScoreStore store() {
    return store;
  }

  /** The region spelled {@code regionId}, or a 404. */
  Region region(String regionId) {
    return parseRegionId(regionId)
        .flatMap(store::region)
        .orElseThrow(() -> ApiException.notFound("no region '" + regionId + "'"));
  }

  /** The region's current run, or a 404 when nothing is published yet. */
  PublishedRun current(Region region) {
    return current
        .current(region)
        .map(CachedRun::published)
        .filter(run -> run.run().id().equals(region.currentRunId()))
        .or(() -> PublishedRun.current(store, region))
        .orElseThrow(
            () -> ApiException.notFound("region '" + region.id() + "' has no published run yet"));
  }

  /** The region's published run spelled {@code runId}, or a 404. */
  PublishedRun run(Region region, String runId) {
    RunId id = parseRunId(runId);
    if (id.equals(region.currentRunId())) {
      return current(region);
    }
    String key = region.id().value() + "/" + id.value();
    synchronized (recent) {
      PublishedRun cached = recent.get(key);
      if (cached != null) {
        return cached;
      }
    }
    PublishedRun loaded =
        PublishedRun.load(store, region, id)
            .filter(run -> run.run().status() == RunStatus.PUBLISHED)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no published run '" + runId + "' in region '" + region.id() + "'"));
    synchronized (recent) {
      recent.put(key, loaded);
    }
    return loaded;
  }

  /** The region's run spelled {@code runId}, whatever its status, or a 404. */
  org.gapmap.core.model.Run anyRun(Region region, String runId) {
    return store
        .run(region.id(), parseRunId(runId))
        .orElseThrow(
            () -> ApiException.notFound("no run '" + runId + "' in region '" + region.id() + "'"));
  }

  private static RunId parseRunId(String value) {
    try {
      return RunId.of(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(
          "no run '" + value + "': run ids look like 20250630T120000.000Z-1a2b");
    }
  }

  private static Optional<RegionId> parseRegionId(String value) {
    try {
      return Optional.of(RegionId.of(value));
    } catch (IllegalArgumentException notARegionId) {
      return Optional.empty();
    }
  }
}
