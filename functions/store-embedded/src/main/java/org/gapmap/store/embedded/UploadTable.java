package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;

/**
 * SQL of the {@code uploads} table. {@code seq} numbers a region's uploads in the order they were
 * stored; it breaks ties between uploads received in the same millisecond. Stateless.
 */
final class UploadTable {
  private static final String COLUMNS =
      "region_id, upload_id, kind, label, source_name, attribution, received_at, report, indicators,"
          + " as_of";

  private UploadTable() {}

  /** Inserts the upload; {@code false} if the region has one with its id. */
  static boolean insertIfAbsent(Connection connection, UploadRecord upload) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO uploads ("
                + COLUMNS
                + ", seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM uploads WHERE region_id = ?))"
                + " ON CONFLICT (region_id, upload_id) DO NOTHING")) {
      insert.setString(1, upload.regionId().value());
      insert.setString(2, upload.id().sha256());
      insert.setString(3, upload.kind().cliName());
      insert.setString(4, upload.label());
      insert.setString(5, upload.sourceName());
      insert.setString(6, upload.attribution());
      insert.setLong(7, upload.receivedAt().toEpochMilli());
      insert.setString(8, JsonColumns.report(upload.report()));
      insert.setString(9, JsonColumns.indicatorsByNeighborhood(upload.indicators()));
      insert.setString(10, upload.asOf() == null ? null : upload.asOf().toString());
      insert.setString(11, upload.regionId().value());
      return insert.executeUpdate() == 1;
    }
  }

  static Optional<UploadRecord> find(Connection connection, RegionId regionId, UploadId uploadId)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM uploads WHERE region_id = ? AND upload_id = ?")) {
      query.setString(1, regionId.value());
      query.setString(2, uploadId.sha256());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(upload(rows)) : Optional.empty();
      }
    }
  }

  /** The region's uploads, oldest first. */
  static List<UploadRecord> list(Connection connection, RegionId regionId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM uploads WHERE region_id = ? ORDER BY received_at, seq")) {
      query.setString(1, regionId.value());
      try (ResultSet rows = query.executeQuery()) {
        List<UploadRecord> uploads = new ArrayList<>();
        while (rows.next()) {
          uploads.add(upload(rows));
        }
        return uploads;
      }
    }
  }

  private static UploadRecord upload(ResultSet rows) throws SQLException {
    String kind = rows.getString("kind");
    return new UploadRecord(
        new UploadId(rows.getString("upload_id")),
        RegionId.of(rows.getString("region_id")),
        UploadKind.fromName(kind)
            .orElseThrow(() -> new StoreException("stored upload has unknown kind " + kind)),
        rows.getString("label"),
        rows.getString("source_name"),
        rows.getString("attribution"),
        Instant.ofEpochMilli(rows.getLong("received_at")),
        JsonColumns.report(rows.getString("report")),
        JsonColumns.indicatorsByNeighborhood(rows.getString("indicators")),
        asOf(rows.getString("as_of")));
  }

  private static LocalDate asOf(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return LocalDate.parse(stored);
    } catch (DateTimeParseException e) {
      throw new StoreException("stored upload has a malformed as-of date " + stored, e);
    }
  }
}
