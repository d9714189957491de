package org.gapmap.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * {@link ScoreStore} on a single-file SQLite database, {@value #FILE_NAME} in the data directory:
 * the local default.
 *
 * <p>Thread-safe. Writes of one instance are serialized; reads run on their own connections and do
 * not wait for them. Several instances, in this process or in others (a server and a command-line
 * ingest, say), may open the same directory: the file is in WAL mode, every write is one
 * transaction that takes the file's write lock up front, and a writer waits up to ten seconds for
 * another one to finish before failing.
 *
 * <p>Beyond the port's contract:
 *
 * <ul>
 *   <li>Writes that name an unknown region or run throw {@link NoSuchElementException}; reads
 *       return empty.
 *   <li>{@link #createRun} throws {@link StoreConflictException} if the region has a run with that
 *       id.
 *   <li>Timestamps are kept to the millisecond. Plain {@code double} columns (bounding box, area,
 *       gap score) store a negative zero as zero; indicator and contribution values keep it.
 *   <li>Database failures throw {@link StoreException}; a closed store throws {@link
 *       IllegalStateException}.
 * </ul>
 */
public final class SqliteScoreStore implements ScoreStore {
  /** Name of the database file inside the data directory. */
  public static final String FILE_NAME = "gapmap.db";

  private final SqliteDatabase database;

  private SqliteScoreStore(SqliteDatabase database) {
    this.database = database;
  }

  /**
   * Opens the store in {@code dataDir}, creating the directory, the database file and its schema if
   * needed.
   *
   * @throws StoreException if the directory or database cannot be created or opened, or was written
   *     by a newer version
   */
  public static SqliteScoreStore open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("could not create data directory " + dataDir, e);
    }
    return new SqliteScoreStore(SqliteDatabase.open(dataDir.resolve(FILE_NAME)));
  }

  /** The database file. */
  public Path file() {
    return database.file();
  }

  @Override
  public void createRegion(Region region, List<Neighborhood> neighborhoods) {
    Objects.requireNonNull(region, "region");
    requireDistinctIds(neighborhoods);
    database.update(
        "create region " + region.id(),
        connection -> {
          if (!RegionTable.insertIfAbsent(connection, region)) {
            throw new StoreConflictException("region " + region.id() + " exists already");
          }
          NeighborhoodTable.insertAll(connection, region.id(), neighborhoods);
        });
  }

  @Override
  public Optional<Region> region(RegionId id) {
    Objects.requireNonNull(id, "id");
    return database.read("read region " + id, connection -> RegionTable.find(connection, id));
  }

  @Override
  public List<Region> regions() {
    return database.read("list regions", RegionTable::all);
  }

  @Override
  public List<Neighborhood> neighborhoods(RegionId id) {
    Objects.requireNonNull(id, "id");
    return database.read(
        "read neighborhoods of region " + id, connection -> NeighborhoodTable.list(connection, id));
  }

  @Override
  public boolean putUpload(UploadRecord upload) {
    Objects.requireNonNull(upload, "upload");
    return database.write(
        "store upload " + upload.id().shortForm() + " of region " + upload.regionId(),
        connection -> {
          requireRegion(connection, upload.regionId());
          return UploadTable.insertIfAbsent(connection, upload);
        });
  }

  @Override
  public Optional<UploadRecord> upload(RegionId regionId, UploadId uploadId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(uploadId, "uploadId");
    return database.read(
        "read upload " + uploadId.shortForm() + " of region " + regionId,
        connection -> UploadTable.find(connection, regionId, uploadId));
  }

  @Override
  public List<UploadRecord> uploads(RegionId regionId) {
    Objects.requireNonNull(regionId, "regionId");
    return database.read(
        "list uploads of region " + regionId, connection -> UploadTable.list(connection, regionId));
  }

  @Override
  public void createRun(Run run) {
    Objects.requireNonNull(run, "run");
    database.update(
        "create run " + run.id() + " of region " + run.regionId(),
        connection -> {
          requireRegion(connection, run.regionId());
          if (!RunTable.insertIfAbsent(connection, run)) {
            throw new StoreConflictException(
                "run " + run.id() + " of region " + run.regionId() + " exists already");
          }
        });
  }

  @Override
  public void putScores(RegionId regionId, RunId runId, List<NeighborhoodScore> scores) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(scores, "scores");
    database.update(
        "store scores of run " + runId + " of region " + regionId,
        connection -> {
          RunStatus status = requireRunStatus(connection, regionId, runId);
          if (status != RunStatus.BUILDING) {
            throw new IllegalStateException(
                "run "
                    + runId
                    + " of region "
                    + regionId
                    + " is "
                    + status
                    + "; scores can only be written while it is BUILDING");
          }
          ScoreTable.upsertAll(connection, regionId, runId, scores);
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException unless the run is BUILDING and {@code status} is PUBLISHED or
   *     FAILED
   * @throws NoSuchElementException if the region has no such run
   */
  @Override
  public void setRunStatus(RegionId regionId, RunId runId, RunStatus status) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
    database.update(
        "set status of run " + runId + " of region " + regionId,
        connection -> {
          RunStatus current = requireRunStatus(connection, regionId, runId);
          if (current != RunStatus.BUILDING || status == RunStatus.BUILDING) {
            throw new IllegalStateException(
                "run "
                    + runId
                    + " of region "
                    + regionId
                    + " cannot go from "
                    + current
                    + " to "
                    + status);
          }
          RunTable.updateStatus(connection, regionId, runId, status);
        });
  }

  @Override
  public Optional<Run> run(RegionId regionId, RunId runId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    return database.read(
        "read run " + runId + " of region " + regionId,
        connection -> RunTable.find(connection, regionId, runId));
  }

  @Override
  public List<Run> runs(RegionId regionId) {
    Objects.requireNonNull(regionId, "regionId");
    return database.read(
        "list runs of region " + regionId, connection -> RunTable.list(connection, regionId));
  }

  @Override
  public List<NeighborhoodScore> scores(RegionId regionId, RunId runId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    return database.read(
        "read scores of run " + runId + " of region " + regionId,
        connection -> ScoreTable.list(connection, regionId, runId));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the run is not PUBLISHED
   * @throws NoSuchElementException if there is no such region or run
   */
  @Override
  public boolean setCurrentRun(RegionId regionId, long expectedVersion, RunId runId) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(runId, "runId");
    return database.write(
        "set current run of region " + regionId + " to " + runId,
        connection -> {
          requireRegion(connection, regionId);
          RunStatus status = requireRunStatus(connection, regionId, runId);
          if (status != RunStatus.PUBLISHED) {
            throw new IllegalStateException(
                "run "
                    + runId
                    + " of region "
                    + regionId
                    + " is "
                    + status
                    + "; only a PUBLISHED run can become current");
          }
          return RegionTable.compareAndSetCurrentRun(connection, regionId, expectedVersion, runId);
        });
  }

  @Override
  public void putCrosswalk(Crosswalk crosswalk) {
    Objects.requireNonNull(crosswalk, "crosswalk");
    database.update(
        "store crosswalk " + crosswalk.name() + " of region " + crosswalk.regionId(),
        connection -> {
          requireRegion(connection, crosswalk.regionId());
          CrosswalkTable.upsert(connection, crosswalk);
        });
  }

  @Override
  public Optional<Crosswalk> crosswalk(RegionId regionId, String name) {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(name, "name");
    return database.read(
        "read crosswalk " + name + " of region " + regionId,
        connection -> CrosswalkTable.find(connection, regionId, name));
  }

  @Override
  public void close() {
    database.close();
  }

  private static void requireDistinctIds(List<Neighborhood> neighborhoods) {
    Set<NeighborhoodId> seen = new HashSet<>();
    for (Neighborhood neighborhood : neighborhoods) {
      if (!seen.add(neighborhood.id())) {
        throw new IllegalArgumentException("neighborhood id " + neighborhood.id() + " repeats");
      }
    }
  }

  private static void requireRegion(Connection connection, RegionId regionId) throws SQLException {
    if (!RegionTable.exists(connection, regionId)) {
      throw new NoSuchElementException("no region " + regionId);
    }
  }

  private static RunStatus requireRunStatus(Connection connection, RegionId regionId, RunId runId)
      throws SQLException {
    return RunTable.status(connection, regionId, runId)
        .orElseThrow(
            () -> new NoSuchElementException("no run " + runId + " in region " + regionId));
  }
}
