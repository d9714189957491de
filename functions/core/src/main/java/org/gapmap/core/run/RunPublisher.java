package org.gapmap.core.run;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.RunStatus;
import org.gapmap.core.score.GapScorer;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.StoreConflictException;

/**
 * Scores a region from its current inputs and publishes the result as a new immutable run,
 * atomically for readers: the run is written while BUILDING, marked PUBLISHED, and only then does
 * the region's current-run pointer move, by a compare-and-set on the region's version. If anything
 * fails before the pointer moves, the run is marked FAILED and readers keep seeing the previous
 * run.
 *
 * <p>Thread-safe if the store is; concurrent publishers of one region are serialized by the
 * compare-and-set (the loser gets a {@link StoreConflictException} and may simply publish again).
 */
public final class RunPublisher {
  private final ScoreStore store;
  private final Clock clock;

  public RunPublisher(ScoreStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Scores and publishes.
   *
   * @return the published run
   * @throws java.util.NoSuchElementException if the region is unknown
   * @throws IllegalStateException if the region has no inputs to score, or the profile leaves
   *     nothing to score there; nothing is written then
   * @throws StoreConflictException if another run was published meanwhile
   */
  public Run publish(RegionId regionId, ScoringProfile profile) {
    Region region =
        store
            .region(regionId)
            .orElseThrow(() -> new java.util.NoSuchElementException("no region " + regionId));
    CurrentInputs inputs = inputs(regionId, profile);
    List<Neighborhood> neighborhoods = store.neighborhoods(regionId);
    List<NeighborhoodScore> scores = GapScorer.score(neighborhoods, inputs.indicators(), profile);
    if (scores.stream().allMatch(s -> s.rank() == null)) {
      throw new IllegalStateException(nothingToScore(regionId, profile, neighborhoods, inputs));
    }
    Run run =
        new Run(
            RunId.newRunId(clock.instant()),
            regionId,
            profile.reference(),
            inputs.uploadIds(),
            RunStatus.BUILDING,
            clock.instant(),
            ScoringProfiles.toJson(profile));
    store.createRun(run);
    try {
      store.putScores(regionId, run.id(), scores);
      store.setRunStatus(regionId, run.id(), RunStatus.PUBLISHED);
    } catch (RuntimeException e) {
      markFailed(run, e);
      throw e;
    }
    if (!store.setCurrentRun(regionId, region.version(), run.id())) {
      throw new StoreConflictException(
          "another run of region "
              + regionId
              + " was published while "
              + run.id()
              + " was being written; "
              + run.id()
              + " stays in the history but is not current");
    }
    return run.withStatus(RunStatus.PUBLISHED);
  }

  /**
   * The inputs a run of {@code regionId} under {@code profile} would score, checked as {@link
   * #publish} checks them.
   *
   * @throws java.util.NoSuchElementException if the region is unknown
   * @throws IllegalStateException if the region has no inputs, or the profile's thresholds differ
   *     from those its indicators were computed with
   */
  public CurrentInputs inputs(RegionId regionId, ScoringProfile profile) {
    if (store.region(regionId).isEmpty()) {
      throw new java.util.NoSuchElementException("no region " + regionId);
    }
    CurrentInputs inputs = CurrentInputs.of(store.uploads(regionId));
    if (inputs.uploads().isEmpty()) {
      throw new IllegalStateException(
          "region " + regionId + " has no uploads to score yet: ingest one first");
    }
    List<String> conflicts = profile.thresholdConflicts();
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException(
          "profile "
              + profile.reference()
              + " sets thresholds "
              + profile.thresholds().unservedLabel()
              + " and "
              + profile.thresholds().servedLabel()
              + " Mbps, but "
              + String.join(", ", conflicts)
              + " were computed at ingest with BEAD's 25/3 and 100/20 Mbps; keep the default"
              + " thresholds or leave those indicators out");
    }
    return inputs;
  }

  private static String nothingToScore(
      RegionId regionId,
      ScoringProfile profile,
      List<Neighborhood> neighborhoods,
      CurrentInputs inputs) {
    String prefix =
        "profile " + profile.reference() + " has nothing to score in region " + regionId;
    boolean anyData =
        neighborhoods.stream()
            .filter(Neighborhood::ranked)
            .map(n -> inputs.indicators().get(n.id()))
            .filter(java.util.Objects::nonNull)
            .anyMatch(v -> profile.indicators().stream().anyMatch(i -> v.has(i.name())));
    if (!anyData) {
      return prefix
          + ": none of its indicators ("
          + String.join(", ", profile.indicators().stream().map(i -> i.name()).toList())
          + ") has data for a ranked neighborhood";
    }
    return prefix
        + ": no neighborhood with data passes its eligibility rules ("
        + String.join(" and ", profile.eligibility().stream().map(r -> r.describe()).toList())
        + ")";
  }

  private void markFailed(Run run, RuntimeException cause) {
    try {
      store.setRunStatus(run.regionId(), run.id(), RunStatus.FAILED);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
