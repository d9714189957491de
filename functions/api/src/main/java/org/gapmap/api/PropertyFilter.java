package org.gapmap.api;

import java.util.Set;
import java.util.function.Function;
import org.gapmap.core.publish.ScoredFeature;

/**
 * The property filters of an items request: {@code borough=Bronx} (exact, case-insensitive), {@code
 * ranked=true|false}, {@code gap_score_min}/{@code gap_score_max} (inclusive; features without a
 * score never match a bound) and {@code rank_max} (the top N; unranked features never match).
 * Immutable.
 *
 * @param borough wanted borough, or {@code null}
 * @param ranked wanted ranked flag, or {@code null}
 * @param gapScoreMin lowest gap score, or {@code null}
 * @param gapScoreMax highest gap score, or {@code null}
 * @param rankMax worst rank, or {@code null}
 */
record PropertyFilter(
    String borough, Boolean ranked, Double gapScoreMin, Double gapScoreMax, Integer rankMax) {
  /** The query parameters that are property filters. */
  static final Set<String> PARAMETERS =
      Set.of("borough", "ranked", "gap_score_min", "gap_score_max", "rank_max");

  static PropertyFilter parse(Function<String, String> parameter) {
    return new PropertyFilter(
        parameter.apply("borough"),
        ItemsQuery.bool("ranked", parameter.apply("ranked")),
        score("gap_score_min", parameter.apply("gap_score_min")),
        score("gap_score_max", parameter.apply("gap_score_max")),
        rank(parameter.apply("rank_max")));
  }

  boolean isEmpty() {
    return borough == null
        && ranked == null
        && gapScoreMin == null
        && gapScoreMax == null
        && rankMax == null;
  }

  boolean test(ScoredFeature feature) {
    if (borough != null && !borough.equalsIgnoreCase(feature.neighborhood().borough())) {
      return false;
    }
    if (ranked != null && ranked != feature.neighborhood().ranked()) {
      return false;
    }
    Double score = feature.score().gapScore();
    if (gapScoreMin != null && (score == null || score < gapScoreMin)) {
      return false;
    }
    if (gapScoreMax != null && (score == null || score > gapScoreMax)) {
      return false;
    }
    Integer rank = feature.score().rank();
    return rankMax == null || (rank != null && rank <= rankMax);
  }

  private static Double score(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(value.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw ApiException.invalidParameter(name + " must be a number, got '" + value + "'");
  }

  private static Integer rank(String value) {
    if (value == null) {
      return null;
    }
    if (!value.trim().matches("\\d{1,9}") || Integer.parseInt(value.trim()) < 1) {
      throw ApiException.invalidParameter(
          "rank_max must be a positive integer, got '" + value + "'");
    }
    return Integer.parseInt(value.trim());
  }
}
