package org.gapmap.core.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.score.IndicatorCatalog;
import org.gapmap.core.score.ScoringProfile;

/**
 * Withholds statistics computed from too few observations: a share, median or mean whose sample
 * ({@code bsl_count}, {@code measurement_count}, {@code tile_tests}) is smaller than {@code k} is
 * published as {@code null}, and listed under {@code suppressed} with the reason {@value #REASON}.
 * A few speed tests or locations could otherwise single out a household. The sample size itself
 * stays published, so readers see why. A run's k is its profile's {@link
 * ScoringProfile#minimumSample()} ({@link #of(Optional)}). Immutable and thread-safe.
 *
 * @param k the smallest sample a statistic is published from; 1 publishes every statistic whose
 *     sample is known; 0 ({@link #NONE}) withholds nothing, for the data owner's own exports only
 */
public record SmallSampleSuppression(int k) {
  /** The default smallest sample: 10 observations. */
  public static final int DEFAULT_K = ScoringProfile.DEFAULT_MINIMUM_SAMPLE;

  /** The reason recorded for a withheld statistic. */
  public static final String REASON = "small sample";

  /** Suppression with {@link #DEFAULT_K}. */
  public static final SmallSampleSuppression DEFAULT = new SmallSampleSuppression(DEFAULT_K);

  /**
   * Nothing withheld, not even a statistic whose sample size is unknown: what the data owner's own
   * command-line export gives on request. Never for anything published.
   */
  public static final SmallSampleSuppression NONE = new SmallSampleSuppression(0);

  public SmallSampleSuppression {
    if (k < 0) {
      throw new IllegalArgumentException("k must be 0 (withhold nothing) or more, got " + k);
    }
  }

  /**
   * The suppression of a run scored with {@code profile}: its minimum sample, or {@link #DEFAULT}
   * when the profile is unknown.
   */
  public static SmallSampleSuppression of(Optional<ScoringProfile> profile) {
    int k = profile.map(ScoringProfile::minimumSample).orElse(DEFAULT_K);
    return k == DEFAULT_K ? DEFAULT : new SmallSampleSuppression(k);
  }

  /** Whether {@code name} must be withheld for {@code indicators}. */
  public boolean suppresses(String name, Indicators indicators) {
    if (k == 0 || !indicators.has(name)) {
      return false;
    }
    Optional<String> sample = IndicatorCatalog.sampleSizeOf(name);
    if (sample.isEmpty()) {
      return false;
    }
    Optional<Double> size = indicators.value(sample.get());
    // A statistic whose sample size is unknown cannot be shown to be safe.
    return size.isEmpty() || size.get() < k;
  }

  /** The withheld indicators of {@code indicators}, each with {@link #REASON}, in name order. */
  public Map<String, String> suppressed(Iterable<String> names, Indicators indicators) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      if (suppresses(name, indicators)) {
        out.put(name, REASON);
      }
    }
    return out;
  }
}
