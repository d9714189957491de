package org.gapmap.core.score;

import java.util.List;
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

  /** The fixed indicator names, sorted. */
  public static List<String> fixedNames() {
    return KNOWN.stream().sorted().toList();
  }
}
