package org.gapmap.core.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;

/**
 * Turns indicators into gap scores and ranks, as {@code docs/methodology.md} describes.
 *
 * <ol>
 *   <li>Only ranked neighborhoods that pass the profile's eligibility rules take part; the others
 *       keep their indicators but get no score and no rank.
 *   <li>Each profile indicator is normalized to a gap value in [0, 1]: its mid-rank percentile
 *       among the ranked neighborhoods that have it (ties share one value), flipped for {@link
 *       Direction#LOWER_IS_GAP}.
 *   <li>The gap score is 100 × the weighted mean of the gap values present; weights are
 *       renormalized over the indicators a neighborhood has, and the missing ones are listed. Each
 *       indicator's contribution is its share of the score, so contributions add up to the score.
 *   <li>Rank 1 is the biggest gap; ties go to the neighborhood with more affected (the profile's
 *       {@link AffectedMeasure}: households without home broadband by default), then more
 *       households, then to the smaller id.
 * </ol>
 *
 * Stateless and thread-safe.
 */
public final class GapScorer {
  static final String HOUSEHOLDS = "households";

  private GapScorer() {}

  /** Scores every neighborhood; the result is in the order of {@code neighborhoods}. */
  public static List<NeighborhoodScore> score(
      List<Neighborhood> neighborhoods,
      Map<NeighborhoodId, Indicators> indicators,
      ScoringProfile profile) {
    Map<NeighborhoodId, Boolean> eligible = new HashMap<>();
    for (Neighborhood n : neighborhoods) {
      Indicators values = indicators.getOrDefault(n.id(), Indicators.empty());
      eligible.put(n.id(), n.ranked() && profile.failedRule(values).isEmpty());
    }
    List<Neighborhood> ranked = neighborhoods.stream().filter(n -> eligible.get(n.id())).toList();
    Map<String, Percentiles> percentiles = new HashMap<>();
    for (WeightedIndicator wi : profile.indicators()) {
      percentiles.put(wi.name(), Percentiles.of(ranked, indicators, wi.name()));
    }
    List<NeighborhoodScore> scores = new ArrayList<>();
    for (Neighborhood n : neighborhoods) {
      Indicators values = indicators.getOrDefault(n.id(), Indicators.empty());
      scores.add(scoreOne(n, eligible.get(n.id()), values, profile, percentiles));
    }
    return rank(scores, eligible, profile.affected());
  }

  private static NeighborhoodScore scoreOne(
      Neighborhood n,
      boolean eligible,
      Indicators values,
      ScoringProfile profile,
      Map<String, Percentiles> percentiles) {
    List<String> missing = new ArrayList<>();
    Map<String, Double> weighted = new LinkedHashMap<>();
    double weightPresent = 0;
    for (WeightedIndicator wi : profile.indicators()) {
      if (!values.has(wi.name())) {
        missing.add(wi.name());
        continue;
      }
      if (!eligible) {
        continue;
      }
      double p = percentiles.get(wi.name()).of(values.get(wi.name()).getAsDouble());
      double gap = wi.direction() == Direction.LOWER_IS_GAP ? 1 - p : p;
      weighted.put(wi.name(), wi.weight() * gap);
      weightPresent += wi.weight();
    }
    if (weighted.isEmpty()) {
      return new NeighborhoodScore(n.id(), values, null, null, Map.of(), missing);
    }
    Map<String, Double> contributions = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, Double> e : weighted.entrySet()) {
      double points = 100 * e.getValue() / weightPresent;
      contributions.put(e.getKey(), points);
      total += points;
    }
    return new NeighborhoodScore(n.id(), values, total, null, contributions, missing);
  }

  private static List<NeighborhoodScore> rank(
      List<NeighborhoodScore> scores,
      Map<NeighborhoodId, Boolean> rankable,
      AffectedMeasure affected) {
    Comparator<NeighborhoodScore> order =
        Comparator.comparing(NeighborhoodScore::gapScore, Comparator.reverseOrder())
            .thenComparing(
                s -> affected.of(s.indicators()).orElse(Double.NEGATIVE_INFINITY),
                Comparator.reverseOrder())
            .thenComparing(
                s -> s.indicators().get(HOUSEHOLDS).orElse(Double.NEGATIVE_INFINITY),
                Comparator.reverseOrder())
            .thenComparing(NeighborhoodScore::id);
    List<NeighborhoodScore> candidates =
        scores.stream()
            .filter(s -> s.gapScore() != null && rankable.get(s.id()))
            .sorted(order)
            .toList();
    Map<NeighborhoodId, Integer> ranks = new HashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      ranks.put(candidates.get(i).id(), i + 1);
    }
    return scores.stream()
        .map(
            s ->
                new NeighborhoodScore(
                    s.id(),
                    s.indicators(),
                    s.gapScore(),
                    ranks.get(s.id()),
                    s.contributions(),
                    s.missingIndicators()))
        .toList();
  }

  /** Mid-rank percentiles of one indicator among the ranked neighborhoods that have it. */
  private static final class Percentiles {
    private final double[] sorted;

    private Percentiles(double[] sorted) {
      this.sorted = sorted;
    }

    static Percentiles of(
        List<Neighborhood> ranked, Map<NeighborhoodId, Indicators> indicators, String name) {
      double[] values =
          ranked.stream()
              .map(n -> indicators.getOrDefault(n.id(), Indicators.empty()).get(name))
              .filter(v -> v.isPresent())
              .mapToDouble(v -> v.getAsDouble())
              .sorted()
              .toArray();
      return new Percentiles(values);
    }

    /** 0 for the lowest value, 1 for the highest, equal values share their mean position. */
    double of(double value) {
      int n = sorted.length;
      if (n <= 1) {
        return 0.5;
      }
      int low = lowerBound(value);
      int high = lowerBound(Math.nextUp(value)) - 1;
      double midRank = (low + high) / 2.0;
      return midRank / (n - 1);
    }

    private int lowerBound(double value) {
      int i = Arrays.binarySearch(sorted, value);
      if (i < 0) {
        return -i - 1;
      }
      while (i > 0 && sorted[i - 1] == value) {
        i--;
      }
      return i;
    }
  }
}
