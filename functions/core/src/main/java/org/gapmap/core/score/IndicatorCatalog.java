package org.gapmap.core.score;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The indicators gapmap's readers produce, so a profile naming an unknown one (a typo) is rejected
 * rather than silently scoring nothing. Labelled point indicators ({@code <label>_count}, {@code
 * <label>_per_km2}) are open-ended.
 */
public final class IndicatorCatalog {
  private static final Set<String> KNOWN =
      Set.of(
          // adoption
          "households",
          "population",
          "home_broadband_adoption",
          "mobile_broadband_adoption",
          "mobile_dependent_share",
          "no_home_broadband_households",
          // bdc-fixed
          "bsl_count",
          "unserved_share",
          "underserved_share",
          "served_share",
          "fiber_share",
          "provider_count_median",
          // mobile-coverage and mobile-h3
          "mobile_5g_area_share",
          "mobile_5g_35_area_share",
          "mobile_4g_area_share",
          // measurements
          "measured_download_mbps_median",
          "measured_upload_mbps_median",
          "measured_latency_ms_median",
          "measurement_count",
          "measured_below_25_3_share",
          // tiles
          "tile_download_mbps_mean",
          "tile_upload_mbps_mean",
          "tile_latency_ms_mean",
          "tile_tests");

  private static final Pattern POINTS = Pattern.compile("[a-z][a-z0-9_]*_(count|per_km2)");

  /** Measurement indicators per network type ({@code measured_download_mbps_median_mobile}). */
  private static final Pattern MEASURED_BY_NETWORK =
      Pattern.compile(
          "(measurement_count|measured_below_25_3_share|measured_(download|upload)_mbps_median"
              + "|measured_latency_ms_median)_(fixed|mobile)");

  private IndicatorCatalog() {}

  public static boolean isKnown(String name) {
    return KNOWN.contains(name)
        || POINTS.matcher(name).matches()
        || MEASURED_BY_NETWORK.matcher(name).matches();
  }

  /**
   * The indicator that counts the sample behind {@code name} where {@code name} is a statistic over
   * locations or measurements: {@code bsl_count} for the shares of broadband serviceable locations,
   * {@code measurement_count} for measured speeds, {@code tile_tests} for speed-test tile means.
   */
  public static Optional<String> sampleSizeOf(String name) {
    return switch (name) {
      case "unserved_share",
          "underserved_share",
          "served_share",
          "fiber_share",
          "provider_count_median" ->
          Optional.of("bsl_count");
      case "measured_download_mbps_median",
          "measured_upload_mbps_median",
          "measured_latency_ms_median",
          "measured_below_25_3_share" ->
          Optional.of("measurement_count");
      case "tile_download_mbps_mean", "tile_upload_mbps_mean", "tile_latency_ms_mean" ->
          Optional.of("tile_tests");
      default -> Optional.empty();
    };
  }

  /**
   * {@code value} of indicator {@code name} as people read it: shares as percentages ({@code 23
   * %}), counts as whole numbers with separators, densities per km², speeds in Mbps, latencies in
   * ms.
   */
  public static String format(String name, double value) {
    if (name.endsWith("_share") || name.endsWith("_adoption")) {
      return String.format(Locale.ROOT, "%s %%", trimmed(value * 100, 1));
    }
    if (name.endsWith("_per_km2")) {
      return trimmed(value, 1) + " per km²";
    }
    if (name.contains("_mbps")) {
      return trimmed(value, 1) + " Mbps";
    }
    if (name.contains("_ms_")) {
      return trimmed(value, 0) + " ms";
    }
    if (name.endsWith("_count")
        || name.endsWith("households")
        || name.equals("population")
        || name.equals("tile_tests")) {
      return String.format(Locale.ROOT, "%,d", Math.round(value));
    }
    return trimmed(value, 2);
  }

  private static String trimmed(double value, int decimals) {
    String s =
        new java.math.BigDecimal(value)
            .setScale(decimals, java.math.RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** The fixed indicator names, sorted. */
  public static List<String> fixedNames() {
    return KNOWN.stream().sorted().toList();
  }
}
