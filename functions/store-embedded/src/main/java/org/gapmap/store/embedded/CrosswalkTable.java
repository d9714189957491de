package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;

/**
 * SQL of the {@code crosswalks} table (schema version 2): one row per region and crosswalk name,
 * the mapping as a JSON object of key to neighborhood id. Stateless.
 */
final class CrosswalkTable {
  private CrosswalkTable() {}

  /** Inserts the crosswalk or replaces the region's crosswalk of the same name. */
  static void upsert(Connection connection, Crosswalk crosswalk) throws SQLException {
    Map<String, String> mapping = new LinkedHashMap<>();
    crosswalk.mapping().forEach((key, id) -> mapping.put(key, id.value()));
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO crosswalks (region_id, name, source_name, registered_at, mapping)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (region_id, name) DO UPDATE SET"
                + " source_name = excluded.source_name, registered_at = excluded.registered_at,"
                + " mapping = excluded.mapping")) {
      upsert.setString(1, crosswalk.regionId().value());
      upsert.setString(2, crosswalk.name());
      upsert.setString(3, crosswalk.sourceName());
      upsert.setLong(4, crosswalk.registeredAt().toEpochMilli());
      upsert.setString(5, JsonColumns.strings(mapping));
      upsert.executeUpdate();
    }
  }

  static Optional<Crosswalk> find(Connection connection, RegionId regionId, String name)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT source_name, registered_at, mapping FROM crosswalks"
                + " WHERE region_id = ? AND name = ?")) {
      query.setString(1, regionId.value());
      query.setString(2, name);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        Map<String, NeighborhoodId> mapping = new LinkedHashMap<>();
        JsonColumns.stringsByKey(rows.getString("mapping"))
            .forEach((key, id) -> mapping.put(key, NeighborhoodId.of(id)));
        return Optional.of(
            new Crosswalk(
                regionId,
                name,
                rows.getString("source_name"),
                Instant.ofEpochMilli(rows.getLong("registered_at")),
                mapping));
      }
    }
  }
}
