package org.gapmap.core.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Run;

/**
 * What changed for the neighborhoods between two runs of a region: every neighborhood whose rank
 * changed or whose gap score moved by at least 0.005 (half the published precision). Immutable.
 *
 * @param from the earlier (or first-named) run
 * @param to the later (or second-named) run
 * @param changes changed neighborhoods, by rank in {@code to} (unranked last), then rank in {@code
 *     from}, then id
 * @param unchanged number of neighborhoods present in both runs with the same rank and score
 */
public record RunDiff(Run from, Run to, List<Change> changes, int unchanged) {
  /** Score moves smaller than this are rounding, not change. */
  public static final double SCORE_TOLERANCE = 0.005;

  /**
   * One changed neighborhood.
   *
   * @param id neighborhood
   * @param name its name
   * @param rankFrom rank in {@code from}, or {@code null}
   * @param rankTo rank in {@code to}, or {@code null}
   * @param scoreFrom gap score in {@code from}, or {@code null}
   * @param scoreTo gap score in {@code to}, or {@code null}
   */
  public record Change(
      NeighborhoodId id,
      String name,
      Integer rankFrom,
      Integer rankTo,
      Double scoreFrom,
      Double scoreTo) {
    /** Places moved up (positive) or down (negative); {@code null} unless ranked in both. */
    public Integer rankChange() {
      return rankFrom == null || rankTo == null ? null : rankFrom - rankTo;
    }

    /** Score difference {@code to − from}; {@code null} unless scored in both. */
    public Double scoreChange() {
      return scoreFrom == null || scoreTo == null ? null : scoreTo - scoreFrom;
    }
  }

  public RunDiff {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    changes = List.copyOf(changes);
  }

  /** The differences from {@code a} to {@code b}. */
  public static RunDiff of(PublishedRun a, PublishedRun b) {
    Map<NeighborhoodId, ScoredFeature> inA = byId(a);
    Map<NeighborhoodId, ScoredFeature> inB = byId(b);
    List<Change> changes = new ArrayList<>();
    int unchanged = 0;
    for (ScoredFeature fb : b.features()) {
      Optional<ScoredFeature> fa = Optional.ofNullable(inA.get(fb.neighborhood().id()));
      Integer rankFrom = fa.map(f -> f.score().rank()).orElse(null);
      Double scoreFrom = fa.map(f -> f.score().gapScore()).orElse(null);
      Integer rankTo = fb.score().rank();
      Double scoreTo = fb.score().gapScore();
      boolean same =
          fa.isPresent() && Objects.equals(rankFrom, rankTo) && sameScore(scoreFrom, scoreTo);
      if (same) {
        unchanged++;
      } else {
        changes.add(
            new Change(
                fb.neighborhood().id(),
                fb.neighborhood().name(),
                rankFrom,
                rankTo,
                scoreFrom,
                scoreTo));
      }
    }
    for (ScoredFeature fa : a.features()) {
      if (!inB.containsKey(fa.neighborhood().id())) {
        changes.add(
            new Change(
                fa.neighborhood().id(),
                fa.neighborhood().name(),
                fa.score().rank(),
                null,
                fa.score().gapScore(),
                null));
      }
    }
    changes.sort(
        Comparator.comparing(Change::rankTo, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Change::rankFrom, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Change::id));
    return new RunDiff(a.run(), b.run(), changes, unchanged);
  }

  private static Map<NeighborhoodId, ScoredFeature> byId(PublishedRun run) {
    Map<NeighborhoodId, ScoredFeature> map = new HashMap<>();
    run.features().forEach(f -> map.put(f.neighborhood().id(), f));
    return map;
  }

  private static boolean sameScore(Double a, Double b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return Math.abs(a - b) < SCORE_TOLERANCE;
  }
}
