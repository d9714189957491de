package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;

/** SQL of the {@code regions} table. Stateless. */
final class RegionTable {
  private static final String COLUMNS =
      "id, title, min_lon, min_lat, max_lon, max_lat, neighborhood_count, attribution, created_at,"
          + " current_run_id, version";

  private RegionTable() {}

  /** Inserts the region; {@code false} if one with its id exists. */
  static boolean insertIfAbsent(Connection connection, Region region) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO regions ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
      insert.setString(1, region.id().value());
      insert.setString(2, region.title());
      insert.setDouble(3, region.bbox().minLon());
      insert.setDouble(4, region.bbox().minLat());
      insert.setDouble(5, region.bbox().maxLon());
      insert.setDouble(6, region.bbox().maxLat());
      insert.setInt(7, region.neighborhoodCount());
      insert.setString(8, region.attribution());
      insert.setLong(9, region.createdAt().toEpochMilli());
      if (region.currentRunId() == null) {
        insert.setNull(10, Types.VARCHAR);
      } else {
        insert.setString(10, region.currentRunId().value());
      }
      insert.setLong(11, region.version());
      return insert.executeUpdate() == 1;
    }
  }

  static boolean exists(Connection connection, RegionId id) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT 1 FROM regions WHERE id = ?")) {
      query.setString(1, id.value());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next();
      }
    }
  }

  static Optional<Region> find(Connection connection, RegionId id) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM regions WHERE id = ?")) {
      query.setString(1, id.value());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(region(rows)) : Optional.empty();
      }
    }
  }

  static List<Region> all(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM regions ORDER BY id");
        ResultSet rows = query.executeQuery()) {
      List<Region> regions = new ArrayList<>();
      while (rows.next()) {
        regions.add(region(rows));
      }
      return regions;
    }
  }

  /**
   * Points the region at {@code runId} and increments its version, if its version is still {@code
   * expectedVersion}.
   */
  static boolean compareAndSetCurrentRun(
      Connection connection, RegionId id, long expectedVersion, RunId runId) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE regions SET current_run_id = ?, version = version + 1"
                + " WHERE id = ? AND version = ?")) {
      update.setString(1, runId.value());
      update.setString(2, id.value());
      update.setLong(3, expectedVersion);
      return update.executeUpdate() == 1;
    }
  }

  private static Region region(ResultSet rows) throws SQLException {
    String currentRun = rows.getString("current_run_id");
    return new Region(
        RegionId.of(rows.getString("id")),
        rows.getString("title"),
        new BoundingBox(
            rows.getDouble("min_lon"),
            rows.getDouble("min_lat"),
            rows.getDouble("max_lon"),
            rows.getDouble("max_lat")),
        rows.getInt("neighborhood_count"),
        rows.getString("attribution"),
        Instant.ofEpochMilli(rows.getLong("created_at")),
        currentRun == null ? null : RunId.of(currentRun),
        rows.getLong("version"));
  }
}
