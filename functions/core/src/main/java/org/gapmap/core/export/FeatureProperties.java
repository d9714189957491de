package org.gapmap.core.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Run;
import org.gapmap.core.publish.DataSource;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.gapmap.core.score.EligibilityRule;
import org.gapmap.core.score.IndicatorCatalog;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.WeightedIndicator;

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
   * Number}, {@link Boolean}, {@code null}, a {@code Map<String, Double>} ({@code contributions},
   * {@code sample_sizes}), a {@code List<String>} ({@code missing_indicators}) or a list of maps
   * ({@code sources}). Statistics from fewer observations than the run's profile's minimum sample
   * (10 by default) are withheld: see {@link #of(ScoredFeature, PublishedRun,
   * SmallSampleSuppression)}.
   */
  public static Map<String, Object> of(ScoredFeature feature, PublishedRun published) {
    return of(feature, published, SmallSampleSuppression.of(published.profile()));
  }

  /**
   * Ordered properties of {@code feature} in {@code run}, with the statistics {@code suppression}
   * withholds published as {@code null}, left out of {@code contributions}, and listed in {@code
   * suppressed} ({@code {"measured_download_mbps_median": "small sample"}}).
   */
  public static Map<String, Object> of(
      ScoredFeature feature, PublishedRun published, SmallSampleSuppression suppression) {
    Run run = published.run();
    Neighborhood n = feature.neighborhood();
    NeighborhoodScore s = feature.score();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", n.id().value());
    p.put("name", n.name());
    p.put("borough", n.borough());
    p.put("ranked", n.ranked());
    p.put("area_km2", round(n.areaKm2(), 4));
    Map<String, String> suppressed =
        suppression.suppressed(published.indicatorNames(), s.indicators());
    for (String name : published.indicatorNames()) {
      p.put(name, suppressed.containsKey(name) ? null : s.indicators().asMap().get(name));
    }
    p.put("gap_score", s.gapScore() == null ? null : round(s.gapScore(), 2));
    p.put("rank", s.rank());
    p.put("profile", run.profile());
    Map<String, Double> contributions = new LinkedHashMap<>();
    s.contributions()
        .forEach(
            (k, v) -> {
              if (!suppression.suppresses(k, s.indicators())) {
                contributions.put(k, round(v, 2));
              }
            });
    p.put("contributions", contributions);
    p.put("missing_indicators", s.missingIndicators());
    Optional<ScoringProfile> profile = published.profile();
    p.put("sample_sizes", sampleSizes(s, profile));
    p.put("suppressed", suppressed);
    p.put("unranked_reason", unrankedReason(feature, profile));
    p.put("sources", sources(feature.sources()));
    p.put("run_id", run.id().value());
    p.put("computed_at", run.createdAt().toString());
    return p;
  }

  /**
   * For each profile indicator that is a statistic over locations or measurements, the size of its
   * sample here ({@code unserved_share} → its {@code bsl_count}); absent where unknown.
   */
  static Map<String, Double> sampleSizes(NeighborhoodScore s, Optional<ScoringProfile> profile) {
    Map<String, Double> sizes = new LinkedHashMap<>();
    List<String> names =
        profile
            .map(pr -> pr.indicators().stream().map(WeightedIndicator::name).toList())
            .orElse(List.copyOf(s.contributions().keySet()));
    for (String name : names) {
      IndicatorCatalog.sampleSizeOf(name)
          .flatMap(size -> s.indicators().value(size))
          .filter(v -> s.indicators().has(name))
          .ifPresent(v -> sizes.put(name, v));
    }
    return sizes;
  }

  /** Why a feature has no rank, in words; {@code null} for a ranked feature. */
  public static String unrankedReason(ScoredFeature feature, Optional<ScoringProfile> profile) {
    if (feature.score().rank() != null) {
      return null;
    }
    if (!feature.neighborhood().ranked()) {
      return "left out of the ranking when the region was registered (such as parks, cemeteries"
          + " or airports)";
    }
    if (profile.isPresent()) {
      Optional<EligibilityRule> failed = profile.get().failedRule(feature.score().indicators());
      if (failed.isPresent()) {
        return "not eligible under profile "
            + profile.get().reference()
            + ": requires "
            + failed.get().describe();
      }
    }
    return "no data for any of the profile's indicators";
  }

  /**
   * The uploads behind a feature's indicators, as every output shows them: upload id, kind, label,
   * file name, as-of date, attribution, when it was received and which indicators it supplied.
   */
  public static List<Map<String, Object>> sources(List<DataSource> sources) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (DataSource d : sources) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("upload_id", d.uploadId().sha256());
      m.put("kind", d.kind().cliName());
      m.put("label", d.label());
      m.put("source_name", d.sourceName());
      m.put("as_of", d.asOf() == null ? null : d.asOf().toString());
      m.put("attribution", d.attribution());
      m.put("received_at", d.receivedAt().toString());
      m.put("indicators", d.indicators());
      list.add(m);
    }
    return list;
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
