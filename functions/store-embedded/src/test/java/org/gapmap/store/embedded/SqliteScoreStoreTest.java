package org.gapmap.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.store.StoreFixtures.neighborhoods;
import static org.gapmap.core.store.StoreFixtures.region;
import static org.gapmap.core.store.StoreFixtures.run;
import static org.gapmap.core.store.StoreFixtures.scored;
import static org.gapmap.core.store.StoreFixtures.upload;
import static org.gapmap.core.store.StoreFixtures.wkt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.ScoreStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;

class SqliteScoreStoreTest extends ScoreStoreContract {
  @TempDir Path dataDir;

  @Override
  protected ScoreStore newStore() {
    return SqliteScoreStore.open(dataDir);
  }

  @Test
  void createsDirectoryAndDatabaseFile() {
    Path nested = dataDir.resolve("a").resolve("b");

    try (SqliteScoreStore store = SqliteScoreStore.open(nested)) {
      assertThat(store.file()).isEqualTo(nested.resolve("gapmap.db"));
      assertThat(Files.isRegularFile(store.file())).isTrue();
    }
  }

  @Test
  void schemaVersionIsRecordedAndWalIsOn() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA user_version")).isEqualTo("3");
      assertThat(single(statement, "PRAGMA journal_mode")).isEqualTo("wal");
    }
  }

  @Test
  void migratesAVersion2DatabaseAndKeepsItsData() throws SQLException {
    Region region = region(REGION);
    store().createRegion(region, neighborhoods());
    UploadRecord upload = upload(REGION, "adoption-2023", 10);
    store().putUpload(upload);
    store().close();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      // what a version-2 file looks like: no crosswalks table
      statement.execute("DROP TABLE crosswalks");
      statement.execute("PRAGMA user_version = 2");
    }

    try (ScoreStore reopened = SqliteScoreStore.open(dataDir)) {
      assertThat(reopened.region(REGION_ID)).contains(region);
      assertThat(reopened.uploads(REGION_ID)).containsExactly(upload);
      Crosswalk crosswalk =
          new Crosswalk(
              REGION_ID,
              Crosswalk.TRACT,
              "tracts.csv",
              org.gapmap.core.store.StoreFixtures.T0,
              java.util.Map.of("36061000100", NeighborhoodId.of("MN17")));
      reopened.putCrosswalk(crosswalk);
      assertThat(reopened.crosswalk(REGION_ID, Crosswalk.TRACT)).contains(crosswalk);
    }
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThat(single(statement, "PRAGMA user_version")).isEqualTo("3");
    }
  }

  @Test
  void refusesDatabaseOfANewerSchemaVersion() throws SQLException {
    store().close();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = 99");
    }

    assertThatThrownBy(() -> SqliteScoreStore.open(dataDir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("99");
  }

  /**
   * A database written by schema version 1 (before uploads had an as-of date and runs a profile
   * definition) opens, migrates to the current version and reads back with both absent; new rows
   * carry them.
   */
  @Test
  void versionOneDatabaseIsMigratedAndStaysReadable() throws SQLException, java.io.IOException {
    store().close();
    Path old = dataDir.resolve("v1");
    Files.createDirectories(old);
    Region region = region(REGION);
    UploadRecord upload = upload(REGION, "adoption-2019", 10);
    Run run = run(REGION, 60, List.of(upload.id()));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("gapmap.db"));
        Statement s = c.createStatement()) {
      for (String ddl : Schema.versionOneForTests()) {
        s.execute(ddl);
      }
      s.execute("PRAGMA user_version = 1");
      s.execute(
          "INSERT INTO regions VALUES ('"
              + REGION
              + "', 'Region nyc-nta2010', -74.0479, 40.6829, -73.9067, 40.8820, 3,"
              + " 'Neighborhood polygons: test fixture, public domain', "
              + region.createdAt().toEpochMilli()
              + ", NULL, 0)");
      s.execute(
          "INSERT INTO uploads VALUES ('"
              + REGION
              + "', '"
              + upload.id().sha256()
              + "', 1, 'adoption', 'adoption', '"
              + upload.sourceName()
              + "', '"
              + upload.attribution()
              + "', "
              + upload.receivedAt().toEpochMilli()
              + ", '"
              + JsonColumns.report(upload.report())
              + "', '"
              + JsonColumns.indicatorsByNeighborhood(upload.indicators())
              + "')");
      s.execute(
          "INSERT INTO runs VALUES ('"
              + REGION
              + "', '"
              + run.id().value()
              + "', 'balanced@1', '"
              + JsonColumns.uploadIds(run.inputs())
              + "', 'PUBLISHED', "
              + run.createdAt().toEpochMilli()
              + ")");
    }

    try (SqliteScoreStore migrated = SqliteScoreStore.open(old)) {
      assertThat(migrated.region(REGION_ID)).contains(region);
      assertThat(migrated.uploads(REGION_ID)).containsExactly(upload);
      assertThat(migrated.uploads(REGION_ID).get(0).asOf()).isNull();
      assertThat(migrated.runs(REGION_ID)).containsExactly(run.withStatus(RunStatus.PUBLISHED));
      assertThat(migrated.runs(REGION_ID).get(0).profileDefinition()).isNull();
      UploadRecord dated =
          org.gapmap.core.store.StoreFixtures.withAsOf(
              upload(REGION, "adoption-2023", 20), "2023-12-31");
      assertThat(migrated.putUpload(dated)).isTrue();
      assertThat(migrated.upload(REGION_ID, dated.id()).orElseThrow().asOf())
          .hasToString("2023-12-31");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve("gapmap.db"));
        Statement s = c.createStatement()) {
      assertThat(single(s, "PRAGMA user_version")).isEqualTo("3");
    }
  }

  @Test
  void dataSurvivesCloseAndReopen() {
    Region region = region(REGION);
    store().createRegion(region, neighborhoods());
    UploadRecord upload = upload(REGION, "adoption-2023", 10);
    store().putUpload(upload);
    Run run = run(REGION, 60, List.of(upload.id()));
    store().createRun(run);
    store().putScores(REGION_ID, run.id(), List.of(scored("MN17", 42.5, 1)));
    store().setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);
    store().setCurrentRun(REGION_ID, 0, run.id());
    store().close();

    try (ScoreStore reopened = SqliteScoreStore.open(dataDir)) {
      assertThat(reopened.region(REGION_ID)).contains(region.withCurrentRun(run.id()));
      List<Neighborhood> read = reopened.neighborhoods(REGION_ID);
      assertThat(read).hasSize(3);
      assertThat(read.get(2).geometry().equalsExact(neighborhoods().get(0).geometry())).isTrue();
      assertThat(reopened.uploads(REGION_ID)).containsExactly(upload);
      assertThat(reopened.runs(REGION_ID)).containsExactly(run.withStatus(RunStatus.PUBLISHED));
      assertThat(reopened.scores(REGION_ID, run.id())).containsExactly(scored("MN17", 42.5, 1));
    }
  }

  @Test
  void twoInstancesOnOneDirectorySeeEachOthersWrites() {
    try (ScoreStore other = SqliteScoreStore.open(dataDir)) {
      store().createRegion(region(REGION), neighborhoods());
      assertThat(other.region(REGION_ID)).isPresent();
      assertThat(other.neighborhoods(REGION_ID)).hasSize(3);

      UploadRecord upload = upload(REGION, "from-the-other-process", 10);
      assertThat(other.putUpload(upload)).isTrue();
      assertThat(store().uploads(REGION_ID)).containsExactly(upload);
      assertThat(store().putUpload(upload)).isFalse();

      Run run = run(REGION, 60, List.of());
      other.createRun(run);
      other.setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);
      assertThat(store().setCurrentRun(REGION_ID, 0, run.id())).isTrue();
      assertThat(other.setCurrentRun(REGION_ID, 0, run.id())).isFalse();
      assertThat(other.region(REGION_ID).orElseThrow().version()).isEqualTo(1);
    }
  }

  @Test
  void exactlyOneConcurrentCompareAndSetWins() throws Exception {
    int threads = 8;
    store().createRegion(region(REGION), neighborhoods());
    List<RunId> runIds = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Run run = run(REGION, 60L * (i + 1), List.of());
      store().createRun(run);
      store().setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);
      runIds.add(run.id());
    }

    try (ScoreStore other = SqliteScoreStore.open(dataDir)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          ScoreStore target = i % 2 == 0 ? store() : other;
          RunId runId = runIds.get(i);
          Callable<Boolean> attempt =
              () -> {
                start.await();
                return target.setCurrentRun(REGION_ID, 0, runId);
              };
          outcomes.add(pool.submit(attempt));
        }
        start.countDown();

        List<RunId> winners = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          if (outcomes.get(i).get(30, TimeUnit.SECONDS)) {
            winners.add(runIds.get(i));
          }
        }

        assertThat(winners).hasSize(1);
        Region region = other.region(REGION_ID).orElseThrow();
        assertThat(region.currentRunId()).isEqualTo(winners.get(0));
        assertThat(region.version()).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void geometryKeepsZWhereItHasOne() {
    Geometry withZ = wkt("POLYGON Z ((0 0 1.5, 1 0 2.5, 1 1 3.5, 0 0 1.5))");
    Neighborhood flat = neighborhoods().get(0);
    store()
        .createRegion(
            region(REGION),
            List.of(
                new Neighborhood(
                    NeighborhoodId.of("Z1"), "Hilly", null, true, withZ, flat.areaKm2())));

    Geometry read = store().neighborhoods(REGION_ID).get(0).geometry();

    assertThat(read.getCoordinates()).containsExactly(withZ.getCoordinates());
    assertThat(read.getCoordinates()[1].getZ()).isEqualTo(2.5);
  }

  @Test
  void closedStoreRefusesWork() {
    store().close();

    assertThatThrownBy(() -> store().regions()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store().createRegion(region(REGION), List.of()))
        .isInstanceOf(IllegalStateException.class);
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gapmap.db"));
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
