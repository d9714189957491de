package org.gapmap.store.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database schema and its migrations. The schema version lives in the {@code user_version}
 * header field, so a later version can migrate old files step by step. Stateless.
 *
 * <ul>
 *   <li>1: regions, neighborhoods, uploads, runs, scores.
 *   <li>2: {@code uploads.as_of} (the data's vintage, ISO date or NULL) and {@code
 *       runs.profile_definition} (the profile's full JSON definition or NULL). Rows written by
 *       version 1 read back with both NULL.
 *   <li>3: {@code crosswalks} (tract GEOID to neighborhood and the like), one row per region and
 *       crosswalk name.
 * </ul>
 */
final class Schema {
  /** The version this code writes and reads. */
  static final int CURRENT_VERSION = 3;

  private static final List<String> VERSION_1 =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS regions (
            id                 TEXT    NOT NULL PRIMARY KEY,
            title              TEXT    NOT NULL,
            min_lon            REAL    NOT NULL,
            min_lat            REAL    NOT NULL,
            max_lon            REAL    NOT NULL,
            max_lat            REAL    NOT NULL,
            neighborhood_count INTEGER NOT NULL,
            attribution        TEXT    NOT NULL,
            created_at         INTEGER NOT NULL,
            current_run_id     TEXT,
            version            INTEGER NOT NULL
          ) WITHOUT ROWID""",
          """
          CREATE TABLE IF NOT EXISTS neighborhoods (
            region_id TEXT    NOT NULL REFERENCES regions (id),
            id        TEXT    NOT NULL,
            name      TEXT    NOT NULL,
            borough   TEXT,
            ranked    INTEGER NOT NULL,
            area_km2  REAL    NOT NULL,
            geometry  BLOB    NOT NULL,
            PRIMARY KEY (region_id, id)
          ) WITHOUT ROWID""",
          """
          CREATE TABLE IF NOT EXISTS uploads (
            region_id   TEXT    NOT NULL REFERENCES regions (id),
            upload_id   TEXT    NOT NULL,
            seq         INTEGER NOT NULL,
            kind        TEXT    NOT NULL,
            label       TEXT    NOT NULL,
            source_name TEXT    NOT NULL,
            attribution TEXT    NOT NULL,
            received_at INTEGER NOT NULL,
            report      TEXT    NOT NULL,
            indicators  TEXT    NOT NULL,
            PRIMARY KEY (region_id, upload_id)
          ) WITHOUT ROWID""",
          "CREATE INDEX IF NOT EXISTS uploads_by_age ON uploads (region_id, received_at, seq)",
          """
          CREATE TABLE IF NOT EXISTS runs (
            region_id  TEXT    NOT NULL REFERENCES regions (id),
            run_id     TEXT    NOT NULL,
            profile    TEXT    NOT NULL,
            inputs     TEXT    NOT NULL,
            status     TEXT    NOT NULL CHECK (status IN ('BUILDING', 'PUBLISHED', 'FAILED')),
            created_at INTEGER NOT NULL,
            PRIMARY KEY (region_id, run_id)
          ) WITHOUT ROWID""",
          "CREATE INDEX IF NOT EXISTS runs_by_age ON runs (region_id, created_at, run_id)",
          """
          CREATE TABLE IF NOT EXISTS scores (
            region_id       TEXT    NOT NULL,
            run_id          TEXT    NOT NULL,
            neighborhood_id TEXT    NOT NULL,
            indicators      TEXT    NOT NULL,
            gap_score       REAL,
            rank            INTEGER,
            contributions   TEXT    NOT NULL,
            missing         TEXT    NOT NULL,
            PRIMARY KEY (region_id, run_id, neighborhood_id),
            FOREIGN KEY (region_id, run_id) REFERENCES runs (region_id, run_id)
          ) WITHOUT ROWID""");

  private static final List<String> VERSION_2 =
      List.of(
          "ALTER TABLE uploads ADD COLUMN as_of TEXT",
          "ALTER TABLE runs ADD COLUMN profile_definition TEXT");

  /** Version 3 adds crosswalks (tract GEOID to neighborhood and the like); nothing else changes. */
  private static final List<String> VERSION_3 =
      List.of(
          """
          CREATE TABLE IF NOT EXISTS crosswalks (
            region_id     TEXT    NOT NULL REFERENCES regions (id),
            name          TEXT    NOT NULL,
            source_name   TEXT    NOT NULL,
            registered_at INTEGER NOT NULL,
            mapping       TEXT    NOT NULL,
            PRIMARY KEY (region_id, name)
          ) WITHOUT ROWID""");

  private Schema() {}

  /**
   * Brings the database up to {@link #CURRENT_VERSION}. Call inside a write transaction, so two
   * processes opening a new file at once do not both migrate it.
   *
   * @throws StoreException if the file was written by a newer version
   */
  static void migrate(Connection connection) throws SQLException {
    int version = version(connection);
    if (version > CURRENT_VERSION) {
      throw new StoreException(
          "database schema version "
              + version
              + " is newer than this version of gapmap understands ("
              + CURRENT_VERSION
              + "); upgrade gapmap");
    }
    try (Statement statement = connection.createStatement()) {
      if (version < 1) {
        for (String ddl : VERSION_1) {
          statement.execute(ddl);
        }
      }
      if (version < 2) {
        for (String ddl : VERSION_2) {
          statement.execute(ddl);
        }
      }
      if (version < 3) {
        for (String ddl : VERSION_3) {
          statement.execute(ddl);
        }
      }
      statement.execute("PRAGMA user_version = " + CURRENT_VERSION);
    }
  }

  /** The statements that create a version 1 database, for migration tests. */
  static List<String> versionOneForTests() {
    return VERSION_1;
  }

  /** The schema version stored in the file; 0 for a new file. */
  static int version(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA user_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
