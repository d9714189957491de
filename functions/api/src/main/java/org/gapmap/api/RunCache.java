package org.gapmap.api;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.store.ScoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current published run of each region, loaded once per run. Every lookup reads the region from
 * the store (a cheap call) and reloads only when its current-run pointer has moved, so a publish is
 * visible on the next request.
 *
 * <p>Thread-safe: entries live in a concurrent map and a region's run is loaded under that entry's
 * lock, so concurrent requests for a new run load it once. Requests that read the region just
 * before and after a pointer move may briefly replace each other's entry; the next lookup corrects
 * it.
 *
 * <p>A run the cache lets go (superseded as current, or the least recently asked for of the past
 * runs) has its encoded responses dropped from {@link EncodedResponses} too.
 */
@Context
final class RunCache {
  private static final Logger LOG = LoggerFactory.getLogger(RunCache.class);
  static final int PAST_RUNS = 8;

  private final ScoreStore store;
  private final EncodedResponses encoded;
  private final ConcurrentMap<RegionId, CachedRun> runs = new ConcurrentHashMap<>();

  /** Runs other than the current ones, least recently used first. Guarded by itself. */
  private final Map<RunKey, CachedRun> pastRuns =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<RunKey, CachedRun> eldest) {
          if (size() > PAST_RUNS) {
            encoded.forget(eldest.getKey().run());
            return true;
          }
          return false;
        }
      };

  private record RunKey(RegionId region, RunId run) {}

  RunCache(ScoreStore store, EncodedResponses encoded) {
    this.store = store;
    this.encoded = encoded;
  }

  /**
   * The run a request names: the region's current run when {@code runParameter} is {@code null},
   * else that published run of the region (runs other than the current one are kept for a while:
   * the {@value #PAST_RUNS} most recently asked for).
   *
   * @throws ApiException 404 for an unknown collection or run, or a run that was never published;
   *     400 for a {@code runParameter} that is not a run id
   */
  CachedRun resolve(String regionId, @Nullable String runParameter) {
    Region region =
        parseRegionId(regionId)
            .flatMap(store::region)
            .orElseThrow(() -> ApiException.noSuchCollection(regionId));
    if (runParameter == null) {
      return current(region).orElseThrow(() -> ApiException.noSuchCollection(regionId));
    }
    RunId runId;
    try {
      runId = RunId.of(runParameter.trim());
    } catch (IllegalArgumentException notARunId) {
      throw ApiException.invalidParameter(
          "run must be a run id such as 20250630T120000.000Z-1a2b, got '" + runParameter + "'");
    }
    if (runId.equals(region.currentRunId())) {
      return current(region).orElseThrow(() -> ApiException.noSuchCollection(regionId));
    }
    RunKey key = new RunKey(region.id(), runId);
    synchronized (pastRuns) {
      CachedRun cached = pastRuns.get(key);
      if (cached != null) {
        return cached;
      }
    }
    CachedRun loaded =
        store
            .run(region.id(), runId)
            .filter(run -> run.status() == RunStatus.PUBLISHED)
            .flatMap(run -> PublishedRun.load(store, region, runId))
            .map(CachedRun::new)
            .filter(run -> run.size() > 0)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no published run '" + runId + "' in collection '" + regionId + "'"));
    synchronized (pastRuns) {
      pastRuns.put(key, loaded);
    }
    return loaded;
  }

  /** The current run of every region that has published features, ordered by region id. */
  List<CachedRun> published() {
    return store.regions().stream().map(this::current).flatMap(Optional::stream).toList();
  }

  /** The current run of the region with this id, if it has one with features. */
  Optional<CachedRun> current(RegionId regionId) {
    return store.region(regionId).flatMap(this::current);
  }

  /** The region's current run, if it has one with features. */
  Optional<CachedRun> current(Region region) {
    RunId wanted = region.currentRunId();
    if (wanted == null) {
      retire(runs.remove(region.id()));
      return Optional.empty();
    }
    CachedRun cached = runs.get(region.id());
    if (cached == null || !cached.runId().equals(wanted)) {
      CachedRun[] replaced = new CachedRun[1];
      cached =
          runs.compute(
              region.id(),
              (id, old) -> {
                if (old != null && old.runId().equals(wanted)) {
                  return old;
                }
                replaced[0] = old;
                return load(region);
              });
      retire(replaced[0]);
    }
    return Optional.ofNullable(cached).filter(run -> run.size() > 0);
  }

  /** Drops the encoded responses of a run that is no longer current. */
  private void retire(@Nullable CachedRun superseded) {
    if (superseded != null) {
      encoded.forget(superseded.runId());
    }
  }

  private CachedRun load(Region region) {
    Optional<PublishedRun> run = PublishedRun.current(store, region);
    if (run.isEmpty()) {
      LOG.warn(
          "region {} points at run {}, which is not stored", region.id(), region.currentRunId());
      return null;
    }
    CachedRun loaded = new CachedRun(run.get());
    LOG.info(
        "serving run {} of region {} ({} features)", loaded.runId(), region.id(), loaded.size());
    return loaded;
  }

  private static Optional<RegionId> parseRegionId(String value) {
    try {
      return Optional.of(RegionId.of(value));
    } catch (IllegalArgumentException notARegionId) {
      // Not a valid region id, so no such collection: the caller answers "not found".
      return Optional.empty();
    }
  }
}
