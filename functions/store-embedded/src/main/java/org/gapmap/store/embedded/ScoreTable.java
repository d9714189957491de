package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;

/** SQL of the {@code scores} table. Stateless. */
final class ScoreTable {
  private ScoreTable() {}

  /** Writes the scores, replacing those the run already has for the same neighborhoods. */
  static void upsertAll(
      Connection connection, RegionId regionId, RunId runId, List<NeighborhoodScore> scores)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT OR REPLACE INTO scores (region_id, run_id, neighborhood_id, indicators,"
                + " gap_score, rank, contributions, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (NeighborhoodScore score : scores) {
        upsert.setString(1, regionId.value());
        upsert.setString(2, runId.value());
        upsert.setString(3, score.id().value());
        upsert.setString(4, JsonColumns.indicators(score.indicators()));
        if (score.gapScore() == null) {
          upsert.setNull(5, Types.REAL);
        } else {
          upsert.setDouble(5, score.gapScore());
        }
        if (score.rank() == null) {
          upsert.setNull(6, Types.INTEGER);
        } else {
          upsert.setInt(6, score.rank());
        }
        upsert.setString(7, JsonColumns.doubles(score.contributions()));
        upsert.setString(8, JsonColumns.strings(score.missingIndicators()));
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** The run's scores in {@link NeighborhoodId} order. */
  static List<NeighborhoodScore> list(Connection connection, RegionId regionId, RunId runId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT neighborhood_id, indicators, gap_score, rank, contributions, missing"
                + " FROM scores WHERE region_id = ? AND run_id = ? ORDER BY neighborhood_id")) {
      query.setString(1, regionId.value());
      query.setString(2, runId.value());
      try (ResultSet rows = query.executeQuery()) {
        List<NeighborhoodScore> scores = new ArrayList<>();
        while (rows.next()) {
          double gapScore = rows.getDouble("gap_score");
          Double gap = rows.wasNull() ? null : gapScore;
          int rank = rows.getInt("rank");
          Integer rankOrNull = rows.wasNull() ? null : rank;
          scores.add(
              new NeighborhoodScore(
                  NeighborhoodId.of(rows.getString("neighborhood_id")),
                  JsonColumns.indicators(rows.getString("indicators")),
                  gap,
                  rankOrNull,
                  JsonColumns.doubles(rows.getString("contributions")),
                  JsonColumns.strings(rows.getString("missing"))));
        }
        // SQL orders by UTF-8 bytes, Java by UTF-16 units; they differ only beyond the BMP.
        scores.sort(Comparator.comparing(NeighborhoodScore::id));
        return scores;
      }
    }
  }
}
