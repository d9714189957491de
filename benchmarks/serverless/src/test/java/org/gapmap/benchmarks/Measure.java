package org.gapmap.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Timing helpers and the result lines the benchmarks print. Stateless. */
public final class Measure {
  private Measure() {}

  /** Milliseconds since {@code startNanos}. */
  public static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** The {@code p}-th percentile (0-100) of {@code values}, nearest rank. */
  public static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Prints one result line, easy to find in the build output. */
  public static void report(String name, String value) {
    System.out.println("BENCHMARK | " + name + " | " + value);
  }

  public static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
