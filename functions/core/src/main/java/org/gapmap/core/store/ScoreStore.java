package org.gapmap.core.store;

import java.util.List;
import java.util.NoSuchElementException;
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

/**
 * Where regions, uploads, runs and scores live. The port speaks only domain types; adapters
 * (embedded database, DynamoDB) implement it with the same contract, which the contract test suite
 * checks.
 *
 * <p>The publish protocol needs no transactions: scores are written under a run that is BUILDING,
 * the run is marked PUBLISHED, and only then is the region's current-run pointer moved by {@link
 * #setCurrentRun}, a compare-and-set on the region's version. Readers follow the pointer, so they
 * never see a half-written run.
 *
 * <p>Implementations are thread-safe.
 */
public interface ScoreStore extends AutoCloseable {

  /**
   * Registers a region with its neighborhoods.
   *
   * @throws StoreConflictException if a region with that id exists
   */
  void createRegion(Region region, List<Neighborhood> neighborhoods);

  Optional<Region> region(RegionId id);

  /** All regions, ordered by id. */
  List<Region> regions();

  /** The region's neighborhoods, ordered by id. */
  List<Neighborhood> neighborhoods(RegionId id);

  /**
   * Stores an upload unless one with the same id is already stored for the region.
   *
   * @return {@code true} if stored, {@code false} if it was already there (idempotent re-upload)
   */
  boolean putUpload(UploadRecord upload);

  Optional<UploadRecord> upload(RegionId regionId, UploadId uploadId);

  /** The region's uploads, oldest first. */
  List<UploadRecord> uploads(RegionId regionId);

  /** Records a new run (normally BUILDING). */
  void createRun(Run run);

  /** Writes (or overwrites) scores of a run that is BUILDING. */
  void putScores(RegionId regionId, RunId runId, List<NeighborhoodScore> scores);

  void setRunStatus(RegionId regionId, RunId runId, RunStatus status);

  Optional<Run> run(RegionId regionId, RunId runId);

  /** The region's runs, oldest first. */
  List<Run> runs(RegionId regionId);

  /** The scores of a run, ordered by neighborhood id. */
  List<NeighborhoodScore> scores(RegionId regionId, RunId runId);

  /**
   * Points the region at {@code runId} if the region is still at {@code expectedVersion}.
   *
   * @return {@code true} if moved; {@code false} if another writer moved it first
   */
  boolean setCurrentRun(RegionId regionId, long expectedVersion, RunId runId);

  // Crosswalks (added for issue #3: tabular uploads keyed by another geography)

  /**
   * Stores a crosswalk of a region, replacing any earlier crosswalk of the same region and name.
   * Uploads already stored are not changed: they keep the neighborhoods they were read into.
   *
   * @throws NoSuchElementException if the region is unknown
   */
  void putCrosswalk(Crosswalk crosswalk);

  /** The region's crosswalk called {@code name}; empty if none (or no such region). */
  Optional<Crosswalk> crosswalk(RegionId regionId, String name);

  @Override
  void close();
}
