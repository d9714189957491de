package org.gapmap.core.score;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.gapmap.core.model.BeadThresholds;
import org.gapmap.core.model.Indicators;

/**
 * A versioned, named definition of how indicators become a gap score: weighted indicators, the BEAD
 * speed thresholds its explanations and threshold-based indicators refer to, which neighborhoods
 * are eligible for ranking, what counts as "affected" when ranks tie, and the smallest sample a
 * statistic is published from. Immutable.
 *
 * @param name profile name ({@code balanced})
 * @param version version of the profile's definition; bump it when anything that changes scores
 *     changes
 * @param description what the profile prioritizes
 * @param indicators the weighted indicators, at least one, each name once
 * @param thresholds the unserved and underserved speed thresholds (BEAD 25/3 and 100/20 by default)
 * @param eligibility rules a neighborhood must all pass to be scored and ranked; empty for every
 *     ranked neighborhood
 * @param affected what a neighborhood's "affected" count is: the first tie-break, and the headline
 *     number of a priority list
 * @param minimumSample k, the fewest observations (locations, speed tests, tile tests) a statistic
 *     is published from; one from fewer is published as null ("small sample"). It does not change
 *     scores, only what is published. At least 1; {@value #DEFAULT_MINIMUM_SAMPLE} by default
 */
public record ScoringProfile(
    String name,
    int version,
    String description,
    List<WeightedIndicator> indicators,
    BeadThresholds thresholds,
    List<EligibilityRule> eligibility,
    AffectedMeasure affected,
    int minimumSample) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  /** The smallest sample a statistic is published from unless a profile says otherwise: 10. */
  public static final int DEFAULT_MINIMUM_SAMPLE = 10;

  public ScoringProfile {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "profile name '" + name + "' must be lower-case letters, digits and hyphens");
    }
    if (version < 1) {
      throw new IllegalArgumentException("profile version must be 1 or more, found " + version);
    }
    description = description == null ? "" : description;
    indicators = List.copyOf(indicators);
    if (indicators.isEmpty()) {
      throw new IllegalArgumentException("profile " + name + " has no indicators to score");
    }
    Set<String> seen = new HashSet<>();
    for (WeightedIndicator i : indicators) {
      if (!seen.add(i.name())) {
        throw new IllegalArgumentException("profile " + name + " lists " + i.name() + " twice");
      }
    }
    thresholds = thresholds == null ? BeadThresholds.DEFAULT : thresholds;
    eligibility = eligibility == null ? List.of() : List.copyOf(eligibility);
    affected = affected == null ? AffectedMeasure.HOUSEHOLDS_WITHOUT_HOME_BROADBAND : affected;
    if (minimumSample < 1) {
      throw new IllegalArgumentException(
          "profile " + name + ": minimum sample must be 1 or more, found " + minimumSample);
    }
  }

  /** A profile that publishes statistics from {@value #DEFAULT_MINIMUM_SAMPLE} observations on. */
  public ScoringProfile(
      String name,
      int version,
      String description,
      List<WeightedIndicator> indicators,
      BeadThresholds thresholds,
      List<EligibilityRule> eligibility,
      AffectedMeasure affected) {
    this(
        name,
        version,
        description,
        indicators,
        thresholds,
        eligibility,
        affected,
        DEFAULT_MINIMUM_SAMPLE);
  }

  /** A profile with BEAD's thresholds, no eligibility rule, and households as "affected". */
  public ScoringProfile(
      String name, int version, String description, List<WeightedIndicator> indicators) {
    this(name, version, description, indicators, null, null, null);
  }

  /** {@code name@version}, as runs record it. */
  public String reference() {
    return name + "@" + version;
  }

  /** The profile's indicator named {@code indicator}, if it has one. */
  public java.util.Optional<WeightedIndicator> indicator(String indicator) {
    return indicators.stream().filter(i -> i.name().equals(indicator)).findFirst();
  }

  /** The first eligibility rule {@code values} fail, or empty when the neighborhood is eligible. */
  public java.util.Optional<EligibilityRule> failedRule(Indicators values) {
    return eligibility.stream().filter(rule -> !rule.test(values)).findFirst();
  }

  /**
   * Indicators whose values depend on the speed thresholds: readers compute them at ingest with
   * {@link BeadThresholds#DEFAULT}.
   */
  public static final Set<String> THRESHOLD_DEPENDENT =
      Set.of("unserved_share", "underserved_share", "served_share", "measured_below_25_3_share");

  /**
   * The gap {@code indicator} stands for, in words, with the placeholders {@code {unserved}} and
   * {@code {underserved}} replaced by this profile's thresholds ({@code 25/3}, {@code 100/20}).
   */
  public String reasonText(WeightedIndicator indicator) {
    return indicator
        .reason()
        .replace("{unserved}", thresholds.unservedLabel())
        .replace("{underserved}", thresholds.servedLabel());
  }

  /**
   * The profile's indicators whose values were computed with thresholds other than this profile's,
   * or an empty list when the profile's thresholds are BEAD's.
   */
  public List<String> thresholdConflicts() {
    if (thresholds.equals(BeadThresholds.DEFAULT)) {
      return List.of();
    }
    java.util.Set<String> used = new java.util.TreeSet<>();
    indicators.forEach(i -> used.add(i.name()));
    eligibility.forEach(r -> used.add(r.indicator()));
    used.retainAll(THRESHOLD_DEPENDENT);
    if (affected == AffectedMeasure.UNSERVED_UNDERSERVED_LOCATIONS) {
      used.add("unserved_share");
      used.add("underserved_share");
    }
    return List.copyOf(used);
  }

  /** This profile with the weight of {@code indicator} multiplied by {@code factor}. */
  public ScoringProfile withWeightScaled(String indicator, double factor) {
    List<WeightedIndicator> scaled =
        indicators.stream()
            .map(
                i ->
                    i.name().equals(indicator)
                        ? new WeightedIndicator(
                            i.name(), i.weight() * factor, i.direction(), i.reason())
                        : i)
            .toList();
    return new ScoringProfile(
        name, version, description, scaled, thresholds, eligibility, affected, minimumSample);
  }
}
