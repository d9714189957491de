package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;

/** SQL of the {@code neighborhoods} table. Stateless. */
final class NeighborhoodTable {
  private NeighborhoodTable() {}

  static void insertAll(Connection connection, RegionId regionId, List<Neighborhood> neighborhoods)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO neighborhoods (region_id, id, name, borough, ranked, area_km2, geometry)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Neighborhood neighborhood : neighborhoods) {
        insert.setString(1, regionId.value());
        insert.setString(2, neighborhood.id().value());
        insert.setString(3, neighborhood.name());
        if (neighborhood.borough() == null) {
          insert.setNull(4, Types.VARCHAR);
        } else {
          insert.setString(4, neighborhood.borough());
        }
        insert.setInt(5, neighborhood.ranked() ? 1 : 0);
        insert.setDouble(6, neighborhood.areaKm2());
        insert.setBytes(7, GeometryCodec.encode(neighborhood.geometry()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** The region's neighborhoods in {@link NeighborhoodId} order. */
  static List<Neighborhood> list(Connection connection, RegionId regionId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT id, name, borough, ranked, area_km2, geometry FROM neighborhoods"
                + " WHERE region_id = ? ORDER BY id")) {
      query.setString(1, regionId.value());
      try (ResultSet rows = query.executeQuery()) {
        List<Neighborhood> neighborhoods = new ArrayList<>();
        while (rows.next()) {
          neighborhoods.add(
              new Neighborhood(
                  NeighborhoodId.of(rows.getString("id")),
                  rows.getString("name"),
                  rows.getString("borough"),
                  rows.getInt("ranked") != 0,
                  GeometryCodec.decode(rows.getBytes("geometry")),
                  rows.getDouble("area_km2")));
        }
        // SQL orders by UTF-8 bytes, Java by UTF-16 units; they differ only beyond the BMP.
        neighborhoods.sort(Comparator.comparing(Neighborhood::id));
        return neighborhoods;
      }
    }
  }
}
