package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;

/** SQL of the {@code runs} table. Stateless. */
final class RunTable {
  private static final String COLUMNS =
      "region_id, run_id, profile, inputs, status, created_at, profile_definition";

  private RunTable() {}

  /** Inserts the run; {@code false} if the region has one with its id. */
  static boolean insertIfAbsent(Connection connection, Run run) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO runs ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (region_id, run_id) DO NOTHING")) {
      insert.setString(1, run.regionId().value());
      insert.setString(2, run.id().value());
      insert.setString(3, run.profile());
      insert.setString(4, JsonColumns.uploadIds(run.inputs()));
      insert.setString(5, run.status().name());
      insert.setLong(6, run.createdAt().toEpochMilli());
      insert.setString(7, run.profileDefinition());
      return insert.executeUpdate() == 1;
    }
  }

  static Optional<RunStatus> status(Connection connection, RegionId regionId, RunId runId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT status FROM runs WHERE region_id = ? AND run_id = ?")) {
      query.setString(1, regionId.value());
      query.setString(2, runId.value());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(status(rows)) : Optional.empty();
      }
    }
  }

  static void updateStatus(Connection connection, RegionId regionId, RunId runId, RunStatus status)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE runs SET status = ? WHERE region_id = ? AND run_id = ?")) {
      update.setString(1, status.name());
      update.setString(2, regionId.value());
      update.setString(3, runId.value());
      if (update.executeUpdate() != 1) {
        throw new StoreException("run " + runId + " of region " + regionId + " vanished");
      }
    }
  }

  static Optional<Run> find(Connection connection, RegionId regionId, RunId runId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM runs WHERE region_id = ? AND run_id = ?")) {
      query.setString(1, regionId.value());
      query.setString(2, runId.value());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(run(rows)) : Optional.empty();
      }
    }
  }

  /** The region's runs, oldest first; runs started in the same millisecond by id. */
  static List<Run> list(Connection connection, RegionId regionId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM runs WHERE region_id = ? ORDER BY created_at, run_id")) {
      query.setString(1, regionId.value());
      try (ResultSet rows = query.executeQuery()) {
        List<Run> runs = new ArrayList<>();
        while (rows.next()) {
          runs.add(run(rows));
        }
        return runs;
      }
    }
  }

  private static Run run(ResultSet rows) throws SQLException {
    return new Run(
        RunId.of(rows.getString("run_id")),
        RegionId.of(rows.getString("region_id")),
        rows.getString("profile"),
        JsonColumns.uploadIds(rows.getString("inputs")),
        status(rows),
        Instant.ofEpochMilli(rows.getLong("created_at")),
        rows.getString("profile_definition"));
  }

  private static RunStatus status(ResultSet rows) throws SQLException {
    String status = rows.getString("status");
    try {
      return RunStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new StoreException("stored run has unknown status " + status, e);
    }
  }
}
