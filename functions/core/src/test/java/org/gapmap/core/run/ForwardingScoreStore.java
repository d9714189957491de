package org.gapmap.core.run;

import java.util.List;
import java.util.Optional;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;

/**
 * A store that hands every call to another one; tests override single methods to fail or
 * interleave.
 */
class ForwardingScoreStore implements ScoreStore {
  private final ScoreStore delegate;

  ForwardingScoreStore(ScoreStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void createRegion(Region region, List<Neighborhood> neighborhoods) {
    delegate.createRegion(region, neighborhoods);
  }

  @Override
  public Optional<Region> region(RegionId id) {
    return delegate.region(id);
  }

  @Override
  public List<Region> regions() {
    return delegate.regions();
  }

  @Override
  public List<Neighborhood> neighborhoods(RegionId id) {
    return delegate.neighborhoods(id);
  }

  @Override
  public boolean putUpload(UploadRecord upload) {
    return delegate.putUpload(upload);
  }

  @Override
  public Optional<UploadRecord> upload(RegionId regionId, UploadId uploadId) {
    return delegate.upload(regionId, uploadId);
  }

  @Override
  public List<UploadRecord> uploads(RegionId regionId) {
    return delegate.uploads(regionId);
  }

  @Override
  public void createRun(Run run) {
    delegate.createRun(run);
  }

  @Override
  public void putScores(RegionId regionId, RunId runId, List<NeighborhoodScore> scores) {
    delegate.putScores(regionId, runId, scores);
  }

  @Override
  public void setRunStatus(RegionId regionId, RunId runId, RunStatus status) {
    delegate.setRunStatus(regionId, runId, status);
  }

  @Override
  public Optional<Run> run(RegionId regionId, RunId runId) {
    return delegate.run(regionId, runId);
  }

  @Override
  public List<Run> runs(RegionId regionId) {
    return delegate.runs(regionId);
  }

  @Override
  public List<NeighborhoodScore> scores(RegionId regionId, RunId runId) {
    return delegate.scores(regionId, runId);
  }

  @Override
  public boolean setCurrentRun(RegionId regionId, long expectedVersion, RunId runId) {
    return delegate.setCurrentRun(regionId, expectedVersion, runId);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void putCrosswalk(Crosswalk crosswalk) {
    delegate.putCrosswalk(crosswalk);
  }

  @Override
  public Optional<Crosswalk> crosswalk(RegionId regionId, String name) {
    return delegate.crosswalk(regionId, name);
  }
}
