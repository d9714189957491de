package org.gapmap.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of scoring one neighborhood in one run.
 *
 * @param id neighborhood
 * @param indicators all indicator values the run had for it
 * @param gapScore 0-100, higher is a bigger gap; {@code null} where nothing could be scored
 * @param rank 1 = first priority; {@code null} for neighborhoods not ranked
 * @param contributions each scored indicator's points of the gap score (they add up to it)
 * @param missingIndicators indicators of the profile that had no value here
 */
public record NeighborhoodScore(
    NeighborhoodId id,
    Indicators indicators,
    Double gapScore,
    Integer rank,
    Map<String, Double> contributions,
    List<String> missingIndicators) {
  public NeighborhoodScore {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(indicators, "indicators");
    contributions = java.util.Collections.unmodifiableMap(new TreeMap<>(contributions));
    missingIndicators = List.copyOf(missingIndicators);
  }
}
