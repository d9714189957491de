package org.gapmap.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.run.Uploads.upload;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.score.Direction;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.score.WeightedIndicator;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.StoreConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunPublisherTest {
  private static final RegionId REGION = RegionId.of("test-region");
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Instant T1 = Instant.parse("2026-03-02T08:30:15.250Z");
  private static final Instant T2 = Instant.parse("2026-03-03T09:00:00Z");
  private static final Instant T3 = Instant.parse("2026-03-04T10:00:00Z");
  private static final String HOME = "home_broadband_adoption";

  private static final ScoringProfile HOME_ADOPTION =
      ScoringProfiles.builtIn("home-adoption").orElseThrow();

  private static final UploadRecord ADOPTION =
      upload(
          REGION,
          UploadKind.ADOPTION,
          "adoption",
          "imp",
          T0,
          Map.of(
              "A1",
              Map.of(HOME, 0.5, "households", 100.0),
              "B2",
              Map.of(HOME, 0.7, "households", 200.0),
              "C3",
              Map.of(HOME, 0.9, "households", 300.0)));

  private final InMemoryScoreStore store = new InMemoryScoreStore();

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @BeforeEach
  void registerRegion() {
    store.createRegion(
        new Region(REGION, "Test", new BoundingBox(0, 0, 3, 1), 3, "", T0, null, 0),
        List.of(
            neighborhood("A1", box(0, 0, 1, 1)),
            neighborhood("B2", box(1, 0, 2, 1)),
            neighborhood("C3", box(2, 0, 3, 1))));
  }

  private Region region() {
    return store.region(REGION).orElseThrow();
  }

  @Test
  void publishScoresAndMovesTheCurrentRun() {
    store.putUpload(ADOPTION);

    Run run = new RunPublisher(store, at(T1)).publish(REGION, HOME_ADOPTION);

    assertThat(run.status()).isEqualTo(RunStatus.PUBLISHED);
    assertThat(run.profile()).isEqualTo("home-adoption@2");
    assertThat(run.inputs()).containsExactly(ADOPTION.id());
    assertThat(store.run(REGION, run.id())).contains(run);
    assertThat(region().currentRunId()).isEqualTo(run.id());
    assertThat(region().version()).isEqualTo(1);
    assertThat(store.scores(REGION, run.id()))
        .extracting(s -> s.id().value() + "#" + s.rank())
        .containsExactly("A1#1", "B2#2", "C3#3");
  }

  @Test
  void injectedClockDeterminesCreatedAtAndTheRunId() {
    store.putUpload(ADOPTION);

    Run run = new RunPublisher(store, at(T1)).publish(REGION, HOME_ADOPTION);

    assertThat(run.createdAt()).isEqualTo(T1);
    assertThat(run.id().value()).startsWith("20260302T083015.250Z-");
  }

  @Test
  void failedPublishLeavesThePreviousRunCurrentAndIsMarkedFailed() {
    store.putUpload(ADOPTION);
    Run first = new RunPublisher(store, at(T1)).publish(REGION, HOME_ADOPTION);
    RuntimeException outage = new IllegalStateException("storage outage");
    ScoreStore failing =
        new ForwardingScoreStore(store) {
          @Override
          public void putScores(RegionId regionId, RunId runId, List<NeighborhoodScore> scores) {
            throw outage;
          }
        };

    assertThatThrownBy(() -> new RunPublisher(failing, at(T2)).publish(REGION, HOME_ADOPTION))
        .isSameAs(outage);

    assertThat(region().currentRunId()).isEqualTo(first.id());
    assertThat(region().version()).isEqualTo(1);
    List<Run> runs = store.runs(REGION);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0)).isEqualTo(first);
    assertThat(runs.get(1).status()).isEqualTo(RunStatus.FAILED);
    assertThat(runs.get(1).createdAt()).isEqualTo(T2);
    assertThat(store.scores(REGION, runs.get(1).id())).isEmpty();
  }

  @Test
  void runPublishedByAnotherWriterMeanwhileIsAConflict() {
    store.putUpload(ADOPTION);
    Run[] rival = new Run[1];
    ScoreStore interleaved =
        new ForwardingScoreStore(store) {
          @Override
          public void putScores(RegionId regionId, RunId runId, List<NeighborhoodScore> scores) {
            // another publisher runs to completion after this one read the region's version
            rival[0] = new RunPublisher(store, at(T3)).publish(REGION, HOME_ADOPTION);
            super.putScores(regionId, runId, scores);
          }
        };

    assertThatThrownBy(() -> new RunPublisher(interleaved, at(T2)).publish(REGION, HOME_ADOPTION))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("another run of region test-region was published");

    assertThat(region().currentRunId()).isEqualTo(rival[0].id());
    assertThat(region().version()).isEqualTo(1);
    Run loser =
        store.runs(REGION).stream().filter(r -> r.createdAt().equals(T2)).findFirst().orElseThrow();
    assertThat(loser.status()).isEqualTo(RunStatus.PUBLISHED);
    assertThat(loser.id()).isNotEqualTo(region().currentRunId());
  }

  @Test
  void regionWithoutUploadsIsAnIllegalState() {
    RunPublisher publisher = new RunPublisher(store, at(T1));

    assertThatThrownBy(() -> publisher.publish(REGION, HOME_ADOPTION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no uploads");
    assertThat(store.runs(REGION)).isEmpty();
    assertThat(region().currentRun()).isEmpty();
  }

  @Test
  void profileWithNothingToScoreIsAnIllegalState() {
    store.putUpload(ADOPTION);
    ScoringProfile unserved =
        new ScoringProfile(
            "unserved",
            1,
            "",
            List.of(new WeightedIndicator("unserved_share", 1, Direction.HIGHER_IS_GAP, null)));
    RunPublisher publisher = new RunPublisher(store, at(T1));

    assertThatThrownBy(() -> publisher.publish(REGION, unserved))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to score");
    assertThat(store.runs(REGION)).isEmpty();
  }

  @Test
  void runKeepsTheProfilesFullDefinition() {
    store.putUpload(ADOPTION);

    Run run = new RunPublisher(store, at(T1)).publish(REGION, HOME_ADOPTION);

    Run stored = store.run(REGION, run.id()).orElseThrow();
    assertThat(stored.profileDefinition()).contains("\"eligibility\"").contains("\"thresholds\"");
    assertThat(ScoringProfiles.of(stored)).contains(HOME_ADOPTION);
  }

  @Test
  void eligibilityThatExcludesEveryNeighborhoodIsAnIllegalStateAndWritesNothing() {
    store.putUpload(
        upload(
            REGION,
            UploadKind.ADOPTION,
            "adoption",
            "no-households",
            T0,
            Map.of("A1", Map.of(HOME, 0.5), "B2", Map.of(HOME, 0.7))));

    assertThatThrownBy(() -> new RunPublisher(store, at(T1)).publish(REGION, HOME_ADOPTION))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing to score")
        .hasMessageContaining("eligibility rules (households > 0)");
    assertThat(store.runs(REGION)).isEmpty();
  }

  @Test
  void thresholdsOtherThanThoseTheIndicatorsWereComputedWithAreAnIllegalState() {
    store.putUpload(ADOPTION);
    ScoringProfile bead = ScoringProfiles.builtIn("bead").orElseThrow();
    ScoringProfile faster =
        new ScoringProfile(
            "faster",
            1,
            "",
            bead.indicators(),
            new org.gapmap.core.model.BeadThresholds(50, 10, 100, 20),
            bead.eligibility(),
            bead.affected());

    assertThatThrownBy(() -> new RunPublisher(store, at(T1)).publish(REGION, faster))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("50/10")
        .hasMessageContaining("underserved_share, unserved_share");
    assertThat(store.runs(REGION)).isEmpty();
  }

  @Test
  void unknownRegionIsNoSuchElement() {
    RunPublisher publisher = new RunPublisher(store, at(T1));

    assertThatThrownBy(() -> publisher.publish(RegionId.of("nowhere"), HOME_ADOPTION))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void secondPublishBecomesCurrent() {
    store.putUpload(ADOPTION);
    Run first = new RunPublisher(store, at(T1)).publish(REGION, HOME_ADOPTION);
    UploadRecord newer =
        upload(
            REGION,
            UploadKind.ADOPTION,
            "adoption",
            "imp-newer",
            T1,
            Map.of(
                "A1",
                Map.of(HOME, 0.95, "households", 100.0),
                "B2",
                Map.of(HOME, 0.7, "households", 200.0),
                "C3",
                Map.of(HOME, 0.6, "households", 300.0)));
    store.putUpload(newer);

    Run second = new RunPublisher(store, at(T2)).publish(REGION, HOME_ADOPTION);

    assertThat(region().currentRunId()).isEqualTo(second.id());
    assertThat(region().version()).isEqualTo(2);
    assertThat(second.inputs()).containsExactly(newer.id());
    assertThat(store.scores(REGION, second.id()))
        .extracting(s -> s.id().value() + "#" + s.rank())
        .containsExactly("A1#3", "B2#2", "C3#1");
    assertThat(store.run(REGION, first.id()).orElseThrow().status()).isEqualTo(RunStatus.PUBLISHED);
  }
}
