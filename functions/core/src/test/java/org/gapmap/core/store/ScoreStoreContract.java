package org.gapmap.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.store.StoreFixtures.T0;
import static org.gapmap.core.store.StoreFixtures.neighborhoods;
import static org.gapmap.core.store.StoreFixtures.region;
import static org.gapmap.core.store.StoreFixtures.run;
import static org.gapmap.core.store.StoreFixtures.scored;
import static org.gapmap.core.store.StoreFixtures.unscored;
import static org.gapmap.core.store.StoreFixtures.upload;
import static org.gapmap.core.store.StoreFixtures.uploadId;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Indicators;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ScoreStore} adapter must have. An adapter's test extends this class
 * and returns a fresh, empty store from {@link #newStore()}; each test gets its own store, closed
 * afterwards.
 */
public abstract class ScoreStoreContract {
  protected static final String REGION = "nyc-nta2010";
  protected static final RegionId REGION_ID = RegionId.of(REGION);

  private ScoreStore store;

  /** A new, empty store. */
  protected abstract ScoreStore newStore();

  /** The store of the running test. */
  protected final ScoreStore store() {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // Regions

  @Test
  void createdRegionReadsBackEqual() {
    Region region = region(REGION);

    store.createRegion(region, neighborhoods());

    assertThat(store.region(REGION_ID)).contains(region);
  }

  @Test
  void unknownRegionIsEmpty() {
    assertThat(store.region(RegionId.of("nowhere"))).isEmpty();
    assertThat(store.regions()).isEmpty();
    assertThat(store.neighborhoods(RegionId.of("nowhere"))).isEmpty();
  }

  @Test
  void regionsAreOrderedById() {
    store.createRegion(region("b-region"), List.of());
    store.createRegion(region("c-region"), List.of());
    store.createRegion(region("a-region"), List.of());

    assertThat(store.regions())
        .extracting(r -> r.id().value())
        .containsExactly("a-region", "b-region", "c-region");
  }

  @Test
  void duplicateRegionConflictsAndChangesNothing() {
    Region original = region(REGION);
    store.createRegion(original, neighborhoods());
    Region other =
        new Region(REGION_ID, "Another title", original.bbox(), 1, "", T0.plusSeconds(60), null, 0);
    List<Neighborhood> otherNeighborhoods = List.of(neighborhoods().get(0));

    assertThatThrownBy(() -> store.createRegion(other, otherNeighborhoods))
        .isInstanceOf(StoreConflictException.class);

    assertThat(store.region(REGION_ID)).contains(original);
    assertThat(store.neighborhoods(REGION_ID)).hasSize(3);
  }

  // Neighborhoods

  @Test
  void neighborhoodsRoundTripInIdOrder() {
    List<Neighborhood> written = neighborhoods();
    store.createRegion(region(REGION), written);

    List<Neighborhood> read = store.neighborhoods(REGION_ID);

    assertThat(read).extracting(n -> n.id().value()).containsExactly("BK09", "BK99", "MN17");
    for (Neighborhood expected : written) {
      Neighborhood actual =
          read.stream().filter(n -> n.id().equals(expected.id())).findFirst().orElseThrow();
      assertThat(actual.name()).isEqualTo(expected.name());
      assertThat(actual.borough()).isEqualTo(expected.borough());
      assertThat(actual.ranked()).isEqualTo(expected.ranked());
      assertThat(actual.areaKm2()).isEqualTo(expected.areaKm2());
      assertThat(actual.geometry().equalsExact(expected.geometry()))
          .as("geometry of %s", expected.id())
          .isTrue();
      assertThat(actual.geometry().getGeometryType())
          .isEqualTo(expected.geometry().getGeometryType());
      assertThat(actual.geometry().getSRID()).isEqualTo(expected.geometry().getSRID());
    }
  }

  @Test
  void neighborhoodFieldsKeepNullBoroughRankedFlagAndExactArea() {
    store.createRegion(region(REGION), neighborhoods());

    Neighborhood park = store.neighborhoods(REGION_ID).get(1);

    assertThat(park.id()).isEqualTo(NeighborhoodId.of("BK99"));
    assertThat(park.borough()).isNull();
    assertThat(park.ranked()).isFalse();
    assertThat(park.areaKm2()).isEqualTo(0.1 + 0.2);
    Neighborhood midtown = store.neighborhoods(REGION_ID).get(2);
    assertThat(midtown.ranked()).isTrue();
    assertThat(midtown.geometry().getSRID()).isEqualTo(4326);
  }

  @Test
  void neighborhoodsOfRegionsAreSeparate() {
    store.createRegion(region(REGION), neighborhoods());
    store.createRegion(region("other"), List.of(neighborhoods().get(0)));

    assertThat(store.neighborhoods(RegionId.of("other")))
        .extracting(n -> n.id().value())
        .containsExactly("MN17");
    assertThat(store.neighborhoods(REGION_ID)).hasSize(3);
  }

  // Uploads

  @Test
  void uploadRoundTripsExactly() {
    store.createRegion(region(REGION), neighborhoods());
    UploadRecord upload = upload(REGION, "adoption-2023", 10);

    assertThat(store.putUpload(upload)).isTrue();

    UploadRecord read = store.upload(REGION_ID, upload.id()).orElseThrow();
    assertThat(read).isEqualTo(upload);
    assertThat(read.report().notes())
        .containsExactly("row 4: unknown neighborhood XX01", "row 9: empty");
    assertThat(read.indicators().get(NeighborhoodId.of("MN17")).value("home_broadband_adoption"))
        .contains(0.1 + 0.2);
    assertThat(read.indicators().get(NeighborhoodId.of("MN17")).value("no_computer"))
        .contains(1e-300);
  }

  @Test
  void uploadKeepsItsAsOfDateOrItsAbsence() {
    store.createRegion(region(REGION), neighborhoods());
    UploadRecord dated = StoreFixtures.withAsOf(upload(REGION, "bdc-2024-06", 10), "2024-06-30");
    UploadRecord undated = upload(REGION, "imp", 20);

    store.putUpload(dated);
    store.putUpload(undated);

    assertThat(store.upload(REGION_ID, dated.id()).orElseThrow().asOf())
        .isEqualTo(java.time.LocalDate.of(2024, 6, 30));
    assertThat(store.upload(REGION_ID, undated.id()).orElseThrow().asOf()).isNull();
    assertThat(store.uploads(REGION_ID)).containsExactly(dated, undated);
  }

  @Test
  void uploadIsIdempotent() {
    store.createRegion(region(REGION), neighborhoods());
    UploadRecord first = upload(REGION, "adoption-2023", 10);
    UploadRecord sameId =
        new UploadRecord(
            first.id(),
            first.regionId(),
            first.kind(),
            "relabelled",
            "renamed.csv",
            "",
            T0.plusSeconds(99),
            new UploadRecord.IngestReport(1, 1, 0, 0, List.of()),
            Map.of());

    assertThat(store.putUpload(first)).isTrue();
    assertThat(store.putUpload(sameId)).isFalse();
    assertThat(store.putUpload(first)).isFalse();

    assertThat(store.uploads(REGION_ID)).containsExactly(first);
  }

  @Test
  void sameUploadMayGoToTwoRegions() {
    store.createRegion(region(REGION), neighborhoods());
    store.createRegion(region("other"), neighborhoods());

    assertThat(store.putUpload(upload(REGION, "shared", 0))).isTrue();
    assertThat(store.putUpload(upload("other", "shared", 0))).isTrue();

    assertThat(store.uploads(REGION_ID)).hasSize(1);
    assertThat(store.uploads(RegionId.of("other"))).hasSize(1);
  }

  @Test
  void uploadsAreOrderedOldestFirst() {
    store.createRegion(region(REGION), neighborhoods());
    store.putUpload(upload(REGION, "middle", 20));
    store.putUpload(upload(REGION, "newest", 30));
    store.putUpload(upload(REGION, "oldest", 10));

    assertThat(store.uploads(REGION_ID))
        .extracting(UploadRecord::sourceName)
        .containsExactly("oldest.csv", "middle.csv", "newest.csv");
  }

  @Test
  void unknownUploadIsEmpty() {
    store.createRegion(region(REGION), neighborhoods());

    assertThat(store.upload(REGION_ID, uploadId("never"))).isEmpty();
    assertThat(store.uploads(REGION_ID)).isEmpty();
  }

  // Runs

  @Test
  void runRoundTrips() {
    store.createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of(uploadId("a"), uploadId("b")));

    store.createRun(run);

    assertThat(store.run(REGION_ID, run.id())).contains(run);
    assertThat(store.run(REGION_ID, StoreFixtures.runId(60, 2))).isEmpty();
  }

  @Test
  void runKeepsItsProfileDefinitionThroughStatusChanges() {
    store.createRegion(region(REGION), neighborhoods());
    String definition = "{\"name\":\"balanced\",\"version\":1,\"indicators\":[{\"weight\":0.25}]}";
    Run run = StoreFixtures.withDefinition(run(REGION, 60, List.of()), definition);

    store.createRun(run);
    store.setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);

    Run read = store.run(REGION_ID, run.id()).orElseThrow();
    assertThat(read.profileDefinition()).isEqualTo(definition);
    assertThat(read).isEqualTo(run.withStatus(RunStatus.PUBLISHED));
    assertThat(store.runs(REGION_ID)).containsExactly(read);
  }

  @Test
  void duplicateRunConflicts() {
    store.createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of());
    store.createRun(run);

    assertThatThrownBy(() -> store.createRun(run)).isInstanceOf(StoreConflictException.class);
  }

  @Test
  void runsAreOrderedOldestFirst() {
    store.createRegion(region(REGION), neighborhoods());
    Run second = run(REGION, 120, List.of());
    Run third = run(REGION, 180, List.of());
    Run first = run(REGION, 60, List.of());
    store.createRun(second);
    store.createRun(third);
    store.createRun(first);

    assertThat(store.runs(REGION_ID)).containsExactly(first, second, third);
  }

  @Test
  void buildingRunCanBePublished() {
    Run run = buildingRun();

    store.setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);

    assertThat(store.run(REGION_ID, run.id())).contains(run.withStatus(RunStatus.PUBLISHED));
  }

  @Test
  void buildingRunCanFail() {
    Run run = buildingRun();

    store.setRunStatus(REGION_ID, run.id(), RunStatus.FAILED);

    assertThat(store.run(REGION_ID, run.id())).contains(run.withStatus(RunStatus.FAILED));
  }

  @Test
  void finishedRunNeverChangesStatus() {
    Run published = buildingRun();
    store.setRunStatus(REGION_ID, published.id(), RunStatus.PUBLISHED);
    Run failed = run(REGION, 120, List.of());
    store.createRun(failed);
    store.setRunStatus(REGION_ID, failed.id(), RunStatus.FAILED);

    for (RunStatus target : RunStatus.values()) {
      assertThatThrownBy(() -> store.setRunStatus(REGION_ID, published.id(), target))
          .as("PUBLISHED -> %s", target)
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.setRunStatus(REGION_ID, failed.id(), target))
          .as("FAILED -> %s", target)
          .isInstanceOf(IllegalStateException.class);
    }
    assertThat(store.run(REGION_ID, published.id()).orElseThrow().status())
        .isEqualTo(RunStatus.PUBLISHED);
    assertThat(store.run(REGION_ID, failed.id()).orElseThrow().status())
        .isEqualTo(RunStatus.FAILED);
  }

  @Test
  void buildingToBuildingIsRefused() {
    Run run = buildingRun();

    assertThatThrownBy(() -> store.setRunStatus(REGION_ID, run.id(), RunStatus.BUILDING))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void statusOfUnknownRunIsRefused() {
    store.createRegion(region(REGION), neighborhoods());

    assertThatThrownBy(
            () -> store.setRunStatus(REGION_ID, StoreFixtures.runId(60, 9), RunStatus.PUBLISHED))
        .isInstanceOf(NoSuchElementException.class);
  }

  // Scores

  @Test
  void scoresRoundTripInNeighborhoodOrder() {
    Run run = buildingRun();
    List<NeighborhoodScore> scores =
        List.of(scored("MN17", 73.25, 1), unscored("BK99"), scored("BK09", 0.1 + 0.2, 2));

    store.putScores(REGION_ID, run.id(), scores);

    assertThat(store.scores(REGION_ID, run.id()))
        .containsExactly(scores.get(2), scores.get(1), scores.get(0));
  }

  @Test
  void unscoredNeighborhoodKeepsNullsAndMissingIndicators() {
    Run run = buildingRun();
    store.putScores(REGION_ID, run.id(), List.of(unscored("BK99")));

    NeighborhoodScore read = store.scores(REGION_ID, run.id()).get(0);

    assertThat(read.gapScore()).isNull();
    assertThat(read.rank()).isNull();
    assertThat(read.indicators()).isEqualTo(Indicators.empty());
    assertThat(read.contributions()).isEmpty();
    assertThat(read.missingIndicators()).containsExactly("home_broadband_adoption", "no_computer");
  }

  @Test
  void scoresKeepExactContributions() {
    Run run = buildingRun();
    NeighborhoodScore score = scored("MN17", 0.1 + 0.2, 1);
    store.putScores(REGION_ID, run.id(), List.of(score));

    NeighborhoodScore read = store.scores(REGION_ID, run.id()).get(0);

    assertThat(read.gapScore()).isEqualTo(0.1 + 0.2);
    assertThat(read.contributions())
        .containsExactlyEntriesOf(score.contributions())
        .containsEntry("home_broadband_adoption", (0.1 + 0.2) * 0.6);
  }

  @Test
  void putScoresReplacesOnlyTheGivenNeighborhoods() {
    Run run = buildingRun();
    store.putScores(REGION_ID, run.id(), List.of(scored("BK09", 10, 2), scored("MN17", 20, 1)));

    NeighborhoodScore replacement = unscored("MN17");
    store.putScores(REGION_ID, run.id(), List.of(replacement));

    assertThat(store.scores(REGION_ID, run.id()))
        .containsExactly(scored("BK09", 10, 2), replacement);
  }

  @Test
  void scoresOfRunsAreSeparate() {
    Run first = buildingRun();
    Run second = run(REGION, 120, List.of());
    store.createRun(second);
    store.putScores(REGION_ID, first.id(), List.of(scored("BK09", 10, 1)));
    store.putScores(REGION_ID, second.id(), List.of(scored("MN17", 20, 1)));

    assertThat(store.scores(REGION_ID, first.id())).containsExactly(scored("BK09", 10, 1));
    assertThat(store.scores(REGION_ID, second.id())).containsExactly(scored("MN17", 20, 1));
    assertThat(store.scores(REGION_ID, StoreFixtures.runId(999, 9))).isEmpty();
  }

  @Test
  void putScoresIsRefusedOnceTheRunIsPublished() {
    Run run = buildingRun();
    store.putScores(REGION_ID, run.id(), List.of(scored("BK09", 10, 1)));
    store.setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);

    assertThatThrownBy(() -> store.putScores(REGION_ID, run.id(), List.of(scored("BK09", 99, 1))))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.scores(REGION_ID, run.id())).containsExactly(scored("BK09", 10, 1));
  }

  @Test
  void putScoresIsRefusedOnceTheRunFailed() {
    Run run = buildingRun();
    store.setRunStatus(REGION_ID, run.id(), RunStatus.FAILED);

    assertThatThrownBy(() -> store.putScores(REGION_ID, run.id(), List.of(scored("BK09", 99, 1))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.scores(REGION_ID, run.id())).isEmpty();
  }

  @Test
  void putScoresForUnknownRunIsRefused() {
    store.createRegion(region(REGION), neighborhoods());

    assertThatThrownBy(
            () ->
                store.putScores(
                    REGION_ID, StoreFixtures.runId(60, 9), List.of(scored("BK09", 1, 1))))
        .isInstanceOf(NoSuchElementException.class);
  }

  // Current run

  @Test
  void setCurrentRunWithWrongVersionLeavesThePointer() {
    Run run = publishedRun(60);

    assertThat(store.setCurrentRun(REGION_ID, 1, run.id())).isFalse();

    Region region = store.region(REGION_ID).orElseThrow();
    assertThat(region.currentRun()).isEmpty();
    assertThat(region.version()).isZero();
  }

  @Test
  void setCurrentRunWithRightVersionMovesThePointerAndBumpsTheVersion() {
    Run first = publishedRun(60);
    Region before = store.region(REGION_ID).orElseThrow();

    assertThat(store.setCurrentRun(REGION_ID, 0, first.id())).isTrue();

    assertThat(store.region(REGION_ID)).contains(before.withCurrentRun(first.id()));

    Run second = publishedRun(120);
    assertThat(store.setCurrentRun(REGION_ID, 0, second.id())).isFalse();
    assertThat(store.region(REGION_ID).orElseThrow().currentRunId()).isEqualTo(first.id());
    assertThat(store.setCurrentRun(REGION_ID, 1, second.id())).isTrue();
    Region after = store.region(REGION_ID).orElseThrow();
    assertThat(after.currentRunId()).isEqualTo(second.id());
    assertThat(after.version()).isEqualTo(2);
  }

  @Test
  void setCurrentRunRefusesARunThatIsNotPublished() {
    Run published = publishedRun(60);
    store.setCurrentRun(REGION_ID, 0, published.id());
    Run building = run(REGION, 120, List.of());
    store.createRun(building);
    Run failed = run(REGION, 180, List.of());
    store.createRun(failed);
    store.setRunStatus(REGION_ID, failed.id(), RunStatus.FAILED);

    assertThatThrownBy(() -> store.setCurrentRun(REGION_ID, 1, building.id()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.setCurrentRun(REGION_ID, 1, failed.id()))
        .isInstanceOf(IllegalStateException.class);

    Region region = store.region(REGION_ID).orElseThrow();
    assertThat(region.currentRunId()).isEqualTo(published.id());
    assertThat(region.version()).isEqualTo(1);
  }

  @Test
  void setCurrentRunToUnknownRunIsRefused() {
    store.createRegion(region(REGION), neighborhoods());
    RunId unknown = StoreFixtures.runId(60, 9);

    assertThatThrownBy(() -> store.setCurrentRun(REGION_ID, 0, unknown))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(store.region(REGION_ID).orElseThrow().version()).isZero();
  }

  // Helpers

  /** Registers the region and starts one BUILDING run in it. */
  private Run buildingRun() {
    store.createRegion(region(REGION), neighborhoods());
    Run run = run(REGION, 60, List.of(uploadId("adoption-2023")));
    store.createRun(run);
    return run;
  }

  /** A PUBLISHED run of the region (registered on first use) started {@code secondsAfterT0}. */
  private Run publishedRun(long secondsAfterT0) {
    if (store.region(REGION_ID).isEmpty()) {
      store.createRegion(region(REGION), neighborhoods());
    }
    Run run = run(REGION, secondsAfterT0, List.<UploadId>of());
    store.createRun(run);
    store.putScores(REGION_ID, run.id(), List.of(scored("MN17", 50, 1)));
    store.setRunStatus(REGION_ID, run.id(), RunStatus.PUBLISHED);
    return run.withStatus(RunStatus.PUBLISHED);
  }

  // Crosswalks

  private static Crosswalk tractCrosswalk(String source, Map<String, String> entries) {
    Map<String, NeighborhoodId> mapping = new java.util.TreeMap<>();
    entries.forEach((k, v) -> mapping.put(k, NeighborhoodId.of(v)));
    return new Crosswalk(REGION_ID, Crosswalk.TRACT, source, T0, mapping);
  }

  @Test
  void crosswalkReadsBackEqual() {
    store.createRegion(region(REGION), neighborhoods());
    Crosswalk crosswalk =
        tractCrosswalk("tracts.csv", Map.of("36061000100", "MN17", "36047000200", "BK09"));

    store.putCrosswalk(crosswalk);

    assertThat(store.crosswalk(REGION_ID, Crosswalk.TRACT)).contains(crosswalk);
    assertThat(store.crosswalk(REGION_ID, Crosswalk.TRACT).orElseThrow().target("36061000100"))
        .contains(NeighborhoodId.of("MN17"));
  }

  @Test
  void crosswalkOfSameNameIsReplaced() {
    store.createRegion(region(REGION), neighborhoods());
    store.putCrosswalk(tractCrosswalk("old.csv", Map.of("36061000100", "MN17")));
    Crosswalk newer = tractCrosswalk("new.csv", Map.of("36061000100", "BK09"));

    store.putCrosswalk(newer);

    assertThat(store.crosswalk(REGION_ID, Crosswalk.TRACT)).contains(newer);
  }

  @Test
  void crosswalkIsPerRegionAndName() {
    store.createRegion(region(REGION), neighborhoods());
    store.createRegion(region("other-region"), List.of());
    store.putCrosswalk(tractCrosswalk("tracts.csv", Map.of("36061000100", "MN17")));

    assertThat(store.crosswalk(RegionId.of("other-region"), Crosswalk.TRACT)).isEmpty();
    assertThat(store.crosswalk(REGION_ID, "zip")).isEmpty();
    assertThat(store.crosswalk(RegionId.of("nowhere"), Crosswalk.TRACT)).isEmpty();
  }

  @Test
  void crosswalkOfUnknownRegionIsRejected() {
    Crosswalk crosswalk = tractCrosswalk("tracts.csv", Map.of("36061000100", "MN17"));

    assertThatThrownBy(() -> store.putCrosswalk(crosswalk))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(store.crosswalk(REGION_ID, Crosswalk.TRACT)).isEmpty();
  }
}
