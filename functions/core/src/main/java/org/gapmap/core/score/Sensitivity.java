package org.gapmap.core.score;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;

/**
 * How stable a profile's top of the ranking is when its weights move: one weight at a time is
 * multiplied by 1 − step and by 1 + step (0.8 and 1.2 for ±20 %), the region is rescored under each
 * of these 2 × k scenarios, and every neighborhood that is in the top N in the baseline or in any
 * scenario gets its best and worst rank. A pick that stays in the top N in every scenario is
 * <em>robust</em>. Stateless and thread-safe.
 */
public final class Sensitivity {
  private Sensitivity() {}

  /**
   * One neighborhood's rank range.
   *
   * @param id neighborhood
   * @param baseRank rank under the profile as it is, or {@code null} if not ranked
   * @param bestRank smallest rank over the baseline and every scenario
   * @param worstRank largest rank over the baseline and every scenario
   * @param scenariosInTop number of scenarios in which it is in the top N
   * @param robust whether it is in the top N in the baseline and in every scenario
   */
  public record Entry(
      NeighborhoodId id,
      Integer baseRank,
      int bestRank,
      int worstRank,
      int scenariosInTop,
      boolean robust) {}

  /**
   * The analysis.
   *
   * @param profile profile reference ({@code balanced@1})
   * @param top N
   * @param step relative weight change (0.2)
   * @param scenarios scenario labels, such as {@code home_broadband_adoption ×0.8}
   * @param entries the baseline top N in rank order, then the neighborhoods that enter the top N in
   *     some scenario, by best rank
   * @param robustCount how many of the baseline top N are robust
   */
  public record Report(
      String profile,
      int top,
      double step,
      List<String> scenarios,
      List<Entry> entries,
      int robustCount) {
    public Report {
      scenarios = List.copyOf(scenarios);
      entries = List.copyOf(entries);
    }
  }

  /** Runs the analysis on the inputs a run would score. */
  public static Report analyze(
      List<Neighborhood> neighborhoods,
      Map<NeighborhoodId, Indicators> indicators,
      ScoringProfile profile,
      int top,
      double step) {
    Objects.requireNonNull(profile, "profile");
    if (top < 1) {
      throw new IllegalArgumentException("top must be 1 or more, got " + top);
    }
    if (!(step > 0 && step < 1)) {
      throw new IllegalArgumentException("step must be between 0 and 1, got " + step);
    }
    List<NeighborhoodScore> baseline = GapScorer.score(neighborhoods, indicators, profile);
    Map<NeighborhoodId, Integer> base = ranks(baseline);
    java.util.Set<String> withData = new java.util.HashSet<>();
    baseline.forEach(s -> withData.addAll(s.contributions().keySet()));
    Map<String, Map<NeighborhoodId, Integer>> scenarios = new LinkedHashMap<>();
    for (WeightedIndicator wi : profile.indicators()) {
      if (!withData.contains(wi.name())) {
        continue; // no neighborhood has it: its weight changes nothing
      }
      for (double factor : new double[] {1 - step, 1 + step}) {
        ScoringProfile moved = profile.withWeightScaled(wi.name(), factor);
        scenarios.put(
            wi.name() + " ×" + trim(factor),
            ranks(GapScorer.score(neighborhoods, indicators, moved)));
      }
    }
    Map<NeighborhoodId, int[]> ranges = new HashMap<>();
    Map<NeighborhoodId, Integer> inTop = new HashMap<>();
    List<Map<NeighborhoodId, Integer>> all = new ArrayList<>();
    all.add(base);
    all.addAll(scenarios.values());
    for (Map<NeighborhoodId, Integer> ranking : all) {
      ranking.forEach(
          (id, rank) -> {
            ranges.merge(
                id,
                new int[] {rank, rank},
                (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
          });
    }
    for (Map<NeighborhoodId, Integer> ranking : scenarios.values()) {
      ranking.forEach(
          (id, rank) -> {
            if (rank <= top) {
              inTop.merge(id, 1, Integer::sum);
            }
          });
    }
    List<Entry> entries = new ArrayList<>();
    int robust = 0;
    List<NeighborhoodId> contenders =
        ranges.keySet().stream()
            .filter(id -> ranges.get(id)[0] <= top)
            .sorted(
                Comparator.comparing(
                        (NeighborhoodId id) -> base.getOrDefault(id, Integer.MAX_VALUE))
                    .thenComparing(id -> ranges.get(id)[0])
                    .thenComparing(id -> id))
            .toList();
    for (NeighborhoodId id : contenders) {
      Integer baseRank = base.get(id);
      int count = inTop.getOrDefault(id, 0);
      boolean isRobust =
          baseRank != null
              && baseRank <= top
              && count == scenarios.size()
              && ranges.get(id)[1] <= top;
      if (isRobust) {
        robust++;
      }
      entries.add(new Entry(id, baseRank, ranges.get(id)[0], ranges.get(id)[1], count, isRobust));
    }
    return new Report(
        profile.reference(), top, step, List.copyOf(scenarios.keySet()), entries, robust);
  }

  private static Map<NeighborhoodId, Integer> ranks(List<NeighborhoodScore> scores) {
    Map<NeighborhoodId, Integer> ranks = new HashMap<>();
    for (NeighborhoodScore s : scores) {
      if (s.rank() != null) {
        ranks.put(s.id(), s.rank());
      }
    }
    return ranks;
  }

  private static String trim(double factor) {
    return java.math.BigDecimal.valueOf(factor)
        .setScale(4, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
