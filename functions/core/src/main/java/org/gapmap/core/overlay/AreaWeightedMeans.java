package org.gapmap.core.overlay;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.gapmap.core.model.NeighborhoodId;

/**
 * Weighted means of named values per neighborhood, such as a speed-test tile's download speed
 * weighted by its overlap area × test count. Sums of weights and weighted values are kept, so
 * partitions of disjoint inputs merge exactly by addition ({@link #merge}).
 *
 * <p>Not thread-safe.
 */
public final class AreaWeightedMeans {
  private record Key(NeighborhoodId id, String name) {}

  private final Map<Key, double[]> sums = new HashMap<>();

  /** Adds {@code value} with {@code weight} to {@code name} of neighborhood {@code id}. */
  public void add(NeighborhoodId id, String name, double value, double weight) {
    if (!(weight >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "weight must be 0 or more and value finite: " + weight + ", " + value);
    }
    double[] s = sums.computeIfAbsent(new Key(id, name), k -> new double[2]);
    s[0] += weight * value;
    s[1] += weight;
  }

  public void merge(AreaWeightedMeans other) {
    other.sums.forEach(
        (k, s) -> {
          double[] mine = sums.computeIfAbsent(k, x -> new double[2]);
          mine[0] += s[0];
          mine[1] += s[1];
        });
  }

  /** The weighted mean, empty when nothing with a positive weight was added. */
  public OptionalDouble mean(NeighborhoodId id, String name) {
    double[] s = sums.get(new Key(id, name));
    return s == null || s[1] <= 0 ? OptionalDouble.empty() : OptionalDouble.of(s[0] / s[1]);
  }

  /** The sum of weights added to {@code name} of {@code id}. */
  public double weight(NeighborhoodId id, String name) {
    double[] s = sums.get(new Key(id, name));
    return s == null ? 0 : s[1];
  }
}
