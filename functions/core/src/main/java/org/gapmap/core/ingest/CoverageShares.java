package org.gapmap.core.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;

/**
 * Turns covered areas per neighborhood and tier into area-share indicators (0-1, six decimals), for
 * every neighborhood of the region and every tier the upload reports on: a neighborhood the upload
 * reports on but does not cover gets 0, not nothing.
 */
final class CoverageShares {
  private CoverageShares() {}

  static Map<NeighborhoodId, Indicators> indicators(
      RegionContext region,
      Set<MobileTier> reported,
      Map<NeighborhoodId, Map<String, Double>> areasM2) {
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    if (reported.isEmpty()) {
      return out;
    }
    for (Neighborhood n : region.neighborhoods()) {
      double total = n.areaKm2() * 1e6;
      if (!(total > 0)) {
        continue;
      }
      Map<String, Double> covered = areasM2.getOrDefault(n.id(), Map.of());
      Map<String, Double> v = new LinkedHashMap<>();
      for (MobileTier tier : reported) {
        double share = Math.min(1.0, covered.getOrDefault(tier.indicator(), 0.0) / total);
        v.put(tier.indicator(), Math.round(share * 1e6) / 1e6);
      }
      out.put(n.id(), Indicators.of(v));
    }
    return out;
  }
}
