package org.gapmap.core.export;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.score.IndicatorCatalog;

/**
 * Withholds statistics computed from too few observations: a share, median or mean whose sample
 * ({@code bsl_count}, {@code measurement_count}, {@code tile_tests}) is smaller than {@code k} is
 * published as {@code null}, and listed under {@code suppressed} with the reason {@value #REASON}.
 * A few speed tests or locations could otherwise single out a household. The sample size itself
 * stays published, so readers see why. Immutable and thread-safe.
 *
 * @param k the smallest sample a statistic is published from; 1 publishes everything
 */
public record SmallSampleSuppression(int k) {
  /** The default smallest sample: 10 observations. */
  public static final int DEFAULT_K = 10;

  /** The reason recorded for a withheld statistic. */
  public static final String REASON = "small sample";

  /** Suppression with {@link #DEFAULT_K}. */
  public static final SmallSampleSuppression DEFAULT = new SmallSampleSuppression(DEFAULT_K);

  public SmallSampleSuppression {
    if (k < 1) {
      throw new IllegalArgumentException("k must be 1 or more, got " + k);
    }
  }

  /** Whether {@code name} must be withheld for {@code indicators}. */
  public boolean suppresses(String name, Indicators indicators) {
    if (!indicators.has(name)) {
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
