package org.gapmap.core.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.StoreConflictException;

/**
 * A {@link ScoreStore} in plain maps, for tests. Every method is synchronized, so it is
 * thread-safe.
 */
public class InMemoryScoreStore implements ScoreStore {
  private final Map<RegionId, Region> regions = new TreeMap<>();
  private final Map<RegionId, List<Neighborhood>> neighborhoods = new HashMap<>();
  private final Map<RegionId, Map<UploadId, UploadRecord>> uploads = new HashMap<>();
  private final Map<RegionId, Map<RunId, Run>> runs = new HashMap<>();
  private final Map<RegionId, Map<RunId, Map<NeighborhoodId, NeighborhoodScore>>> scores =
      new HashMap<>();
  private final Map<RegionId, Map<String, Crosswalk>> crosswalks = new HashMap<>();

  @Override
  public synchronized void createRegion(Region region, List<Neighborhood> neighborhoods) {
    if (regions.containsKey(region.id())) {
      throw new StoreConflictException("region " + region.id() + " exists already");
    }
    regions.put(region.id(), region);
    this.neighborhoods.put(
        region.id(),
        neighborhoods.stream().sorted(Comparator.comparing(Neighborhood::id)).toList());
  }

  @Override
  public synchronized Optional<Region> region(RegionId id) {
    return Optional.ofNullable(regions.get(id));
  }

  @Override
  public synchronized List<Region> regions() {
    return List.copyOf(regions.values());
  }

  @Override
  public synchronized List<Neighborhood> neighborhoods(RegionId id) {
    return neighborhoods.getOrDefault(id, List.of());
  }

  @Override
  public synchronized boolean putUpload(UploadRecord upload) {
    return uploads
            .computeIfAbsent(upload.regionId(), r -> new LinkedHashMap<>())
            .putIfAbsent(upload.id(), upload)
        == null;
  }

  @Override
  public synchronized Optional<UploadRecord> upload(RegionId regionId, UploadId uploadId) {
    return Optional.ofNullable(uploads.getOrDefault(regionId, Map.of()).get(uploadId));
  }

  @Override
  public synchronized List<UploadRecord> uploads(RegionId regionId) {
    return uploads.getOrDefault(regionId, Map.of()).values().stream()
        .sorted(Comparator.comparing(UploadRecord::receivedAt))
        .toList();
  }

  @Override
  public synchronized void createRun(Run run) {
    Map<RunId, Run> ofRegion = runs.computeIfAbsent(run.regionId(), r -> new HashMap<>());
    if (ofRegion.containsKey(run.id())) {
      throw new StoreConflictException("run " + run.id() + " exists already");
    }
    ofRegion.put(run.id(), run);
  }

  @Override
  public synchronized void putScores(
      RegionId regionId, RunId runId, List<NeighborhoodScore> newScores) {
    Run run = existingRun(regionId, runId);
    if (run.status() != RunStatus.BUILDING) {
      throw new IllegalStateException("run " + runId + " is " + run.status() + ", not BUILDING");
    }
    Map<NeighborhoodId, NeighborhoodScore> ofRun =
        scores
            .computeIfAbsent(regionId, r -> new HashMap<>())
            .computeIfAbsent(runId, r -> new TreeMap<>());
    newScores.forEach(s -> ofRun.put(s.id(), s));
  }

  @Override
  public synchronized void setRunStatus(RegionId regionId, RunId runId, RunStatus status) {
    Run run = existingRun(regionId, runId);
    if (run.status() != RunStatus.BUILDING || status == RunStatus.BUILDING) {
      throw new IllegalStateException(
          "run " + runId + " cannot go from " + run.status() + " to " + status);
    }
    runs.get(regionId).put(runId, run.withStatus(status));
  }

  @Override
  public synchronized Optional<Run> run(RegionId regionId, RunId runId) {
    return Optional.ofNullable(runs.getOrDefault(regionId, Map.of()).get(runId));
  }

  @Override
  public synchronized List<Run> runs(RegionId regionId) {
    return runs.getOrDefault(regionId, Map.of()).values().stream()
        .sorted(Comparator.comparing(Run::createdAt).thenComparing(Run::id))
        .toList();
  }

  @Override
  public synchronized List<NeighborhoodScore> scores(RegionId regionId, RunId runId) {
    return new ArrayList<>(
        scores.getOrDefault(regionId, Map.of()).getOrDefault(runId, Map.of()).values());
  }

  @Override
  public synchronized boolean setCurrentRun(RegionId regionId, long expectedVersion, RunId runId) {
    Run run = existingRun(regionId, runId);
    if (run.status() != RunStatus.PUBLISHED) {
      throw new IllegalStateException("run " + runId + " is " + run.status() + ", not PUBLISHED");
    }
    Region region = regions.get(regionId);
    if (region == null) {
      throw new NoSuchElementException("no region " + regionId);
    }
    if (region.version() != expectedVersion) {
      return false;
    }
    regions.put(regionId, region.withCurrentRun(runId));
    return true;
  }

  @Override
  public synchronized void putCrosswalk(Crosswalk crosswalk) {
    if (!regions.containsKey(crosswalk.regionId())) {
      throw new NoSuchElementException("no region " + crosswalk.regionId());
    }
    crosswalks
        .computeIfAbsent(crosswalk.regionId(), r -> new HashMap<>())
        .put(crosswalk.name(), crosswalk);
  }

  @Override
  public synchronized Optional<Crosswalk> crosswalk(RegionId regionId, String name) {
    return Optional.ofNullable(crosswalks.getOrDefault(regionId, Map.of()).get(name));
  }

  @Override
  public void close() {}

  private Run existingRun(RegionId regionId, RunId runId) {
    Run run = runs.getOrDefault(regionId, Map.of()).get(runId);
    if (run == null) {
      throw new NoSuchElementException("no run " + runId + " in region " + regionId);
    }
    return run;
  }
}
