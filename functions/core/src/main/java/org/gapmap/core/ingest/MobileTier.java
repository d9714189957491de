package org.gapmap.core.ingest;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mobile coverage tiers gapmap measures, each feeding one indicator: the share of a
 * neighborhood's area covered. Tiers follow the FCC Broadband Data Collection's mobile speed tiers.
 * A coverage record (technology, minimum download and upload in Mbps) falls into every tier it
 * meets:
 *
 * <ul>
 *   <li>{@link #G5_7_1}: 5G-NR at 7/1 Mbps or more;
 *   <li>{@link #G5_35_3}: 5G-NR at 35/3 Mbps or more;
 *   <li>{@link #G4}: 4G LTE or better (5G counts) at 5/1 Mbps or more — "at least 4G".
 * </ul>
 *
 * 3G (0.2/0.05) is accepted and counted in reports but feeds no indicator.
 */
public enum MobileTier {
  G5_7_1("mobile_5g_area_share"),
  G5_35_3("mobile_5g_35_area_share"),
  G4("mobile_4g_area_share");

  /** Mobile technology generations, as BDC codes or names. */
  public enum Technology {
    G3,
    G4,
    G5;

    private static final Map<String, Technology> NAMES =
        Map.ofEntries(
            Map.entry("3g", G3),
            Map.entry("300", G3),
            Map.entry("4g", G4),
            Map.entry("4g lte", G4),
            Map.entry("lte", G4),
            Map.entry("400", G4),
            Map.entry("5g", G5),
            Map.entry("5g-nr", G5),
            Map.entry("5g nr", G5),
            Map.entry("500", G5));

    /** The technology named by {@code text}: 3G, 4G, 5G (also LTE, 5G-NR) or BDC 300/400/500. */
    public static Optional<Technology> parse(String text) {
      String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
      if (t.endsWith(".0")) {
        t = t.substring(0, t.length() - 2);
      }
      return Optional.ofNullable(NAMES.get(t));
    }
  }

  private static final double EPS = 1e-9;

  private final String indicator;

  MobileTier(String indicator) {
    this.indicator = indicator;
  }

  /** The indicator this tier feeds. */
  public String indicator() {
    return indicator;
  }

  /** The tiers a coverage record of {@code technology} at {@code down}/{@code up} Mbps meets. */
  public static Set<MobileTier> of(Technology technology, double down, double up) {
    Set<MobileTier> tiers = EnumSet.noneOf(MobileTier.class);
    if (technology == Technology.G5 && down >= 7 - EPS && up >= 1 - EPS) {
      tiers.add(G5_7_1);
    }
    if (technology == Technology.G5 && down >= 35 - EPS && up >= 3 - EPS) {
      tiers.add(G5_35_3);
    }
    if (technology != Technology.G3 && down >= 5 - EPS && up >= 1 - EPS) {
      tiers.add(G4);
    }
    return tiers;
  }

  /** The tiers whose indicator a file with {@code technology} records speaks for. */
  static Set<MobileTier> reportedBy(Technology technology) {
    return switch (technology) {
      case G5 -> EnumSet.of(G5_7_1, G5_35_3);
      case G4 -> EnumSet.of(G4);
      case G3 -> EnumSet.noneOf(MobileTier.class);
    };
  }
}
