package org.gapmap.core.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Run;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;

/**
 * The properties of a published feature, in the order every output format uses: identity first,
 * then indicators, then the score and where it came from. Indicators a neighborhood has no input
 * for are absent, never 0.
 */
public final class FeatureProperties {
  /**
   * Indicators listed first, in this order, when present; any other indicator follows
   * alphabetically.
   */
  public static final List<String> LEADING_INDICATORS =
      List.of(
          "households",
          "population",
          "home_broadband_adoption",
          "mobile_broadband_adoption",
          "mobile_dependent_share",
          "no_home_broadband_households");

  private FeatureProperties() {}

  /**
   * Ordered properties of {@code feature} in {@code run}. Values are {@link String}, {@link
   * Number}, {@link Boolean}, {@code null}, a {@code Map<String, Double>} ({@code contributions})
   * or a {@code List<String>} ({@code missing_indicators}).
   */
  public static Map<String, Object> of(ScoredFeature feature, PublishedRun published) {
    Run run = published.run();
    Neighborhood n = feature.neighborhood();
    NeighborhoodScore s = feature.score();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", n.id().value());
    p.put("name", n.name());
    p.put("borough", n.borough());
    p.put("ranked", n.ranked());
    p.put("area_km2", round(n.areaKm2(), 4));
    for (String name : published.indicatorNames()) {
      p.put(name, s.indicators().asMap().get(name));
    }
    p.put("gap_score", s.gapScore() == null ? null : round(s.gapScore(), 2));
    p.put("rank", s.rank());
    p.put("profile", run.profile());
    Map<String, Double> contributions = new LinkedHashMap<>();
    s.contributions().forEach((k, v) -> contributions.put(k, round(v, 2)));
    p.put("contributions", contributions);
    p.put("missing_indicators", s.missingIndicators());
    p.put("run_id", run.id().value());
    p.put("computed_at", run.createdAt().toString());
    return p;
  }

  /** {@code indicatorNames} in output order. */
  public static List<String> indicatorOrder(java.util.Collection<String> indicatorNames) {
    List<String> names = new ArrayList<>();
    for (String leading : LEADING_INDICATORS) {
      if (indicatorNames.contains(leading)) {
        names.add(leading);
      }
    }
    for (String name : new java.util.TreeSet<>(indicatorNames)) {
      if (!LEADING_INDICATORS.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  static double round(double value, int decimals) {
    return java.math.BigDecimal.valueOf(value)
        .setScale(decimals, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }
}
