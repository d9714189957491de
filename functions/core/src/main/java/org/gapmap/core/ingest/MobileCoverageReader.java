package org.gapmap.core.ingest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gapmap.core.geom.FeatureFileReader;
import org.gapmap.core.geom.GeoJsonFeature;
import org.gapmap.core.geom.PolygonRepair;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.gapmap.core.overlay.CoverageOverlay;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * Reads mobile coverage polygons (the {@code mobile-coverage} kind: FCC BDC mobile coverage,
 * carrier maps) from GeoJSON, FlatGeobuf or GeoPackage, with properties {@code technology} (3G, 4G,
 * 5G or BDC 300/400/500), {@code mindown} and {@code minup} (Mbps), and optionally {@code
 * environment} (outdoor, in-vehicle) and {@code provider_id}. Coverage of several providers and
 * environments overlaps: each tier's share is the area of the union of its polygons, never a sum.
 * Self-intersecting polygons are repaired and reported; features outside the region are counted.
 * Stateless and thread-safe.
 *
 * <p>Indicators, for every neighborhood, of the tiers the file has records for (see {@link
 * MobileTier}): {@code mobile_5g_area_share}, {@code mobile_5g_35_area_share}, {@code
 * mobile_4g_area_share}, each 0-1.
 */
public final class MobileCoverageReader implements UploadReader {
  static final String TECHNOLOGY = "technology";
  static final String MINDOWN = "mindown";
  static final String MINUP = "minup";
  static final String ENVIRONMENT = "environment";
  static final String PROVIDER = "provider_id";
  private static final List<String> TARGETS =
      List.of(TECHNOLOGY, MINDOWN, MINUP, ENVIRONMENT, PROVIDER);
  private static final Set<String> ENVIRONMENTS =
      Set.of(
          "outdoor",
          "outdoor stationary",
          "outdoor-stationary",
          "in-vehicle",
          "in vehicle",
          "in_vehicle",
          "in-vehicle mobile");
  private static final int REPAIRS_SHOWN = 10;

  @Override
  public ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("mobile-coverage uploads have no presets; use --map");
    }
    PropertyNames names = new PropertyNames("mobile-coverage", TARGETS, options.columns());
    CoverageOverlay overlay = new CoverageOverlay(region.neighborhoods());
    Set<MobileTier> reported = EnumSet.noneOf(MobileTier.class);
    Map<String, Long> byTechnology = new TreeMap<>();
    Set<String> providers = new TreeSet<>();
    List<String> repairs = new ArrayList<>();
    long[] repaired = {0};
    long[] noTier = {0};
    long count =
        FeatureFileReader.read(
            input,
            f -> {
              String where =
                  "feature " + f.number() + (f.id() == null ? "" : " (id " + f.id() + ")");
              String techProperty = names.require(input.name(), where, f, TECHNOLOGY);
              MobileTier.Technology tech =
                  FieldValues.technology(
                      input.name(), where, techProperty, f.properties().get(techProperty));
              String downProperty = names.require(input.name(), where, f, MINDOWN);
              double down =
                  FieldValues.nonNegative(
                      input.name(), where, downProperty, f.properties().get(downProperty));
              String upProperty = names.require(input.name(), where, f, MINUP);
              double up =
                  FieldValues.nonNegative(
                      input.name(), where, upProperty, f.properties().get(upProperty));
              names
                  .find(f, ENVIRONMENT)
                  .ifPresent(p -> checkEnvironment(input.name(), where, p, f.properties().get(p)));
              names
                  .find(f, PROVIDER)
                  .map(p -> f.properties().get(p))
                  .ifPresent(v -> providers.add(v.toString()));
              Geometry g = polygonal(input.name(), where, f);
              PolygonRepair.Result fixed = PolygonRepair.repair(g);
              if (fixed.problem().isPresent()) {
                repaired[0]++;
                if (repairs.size() < REPAIRS_SHOWN) {
                  repairs.add(where + ": invalid polygon repaired (" + fixed.problem().get() + ")");
                }
              }
              byTechnology.merge(tech.name().substring(1) + "G", 1L, Long::sum);
              reported.addAll(MobileTier.reportedBy(tech));
              Set<MobileTier> tiers = MobileTier.of(tech, down, up);
              if (tiers.isEmpty()) {
                noTier[0]++;
              }
              overlay.add(tiers.stream().map(MobileTier::indicator).toList(), fixed.geometry());
            });
    if (count == 0) {
      throw new InputRejectedException(input.name(), null, null, "the file has no features");
    }
    Map<NeighborhoodId, Map<String, Double>> areas = overlay.squareMetres();
    long outside = overlay.outside();
    List<String> notes = new ArrayList<>();
    notes.add(
        (count - outside)
            + " of "
            + count
            + " coverage features meet the region; by technology: "
            + byTechnology);
    if (outside > 0) {
      notes.add(outside + " features lie outside every neighborhood of the region");
    }
    if (!providers.isEmpty()) {
      notes.add(providers.size() + " providers: " + String.join(", ", limit(providers)));
    }
    if (noTier[0] > 0) {
      notes.add(noTier[0] + " features are below every measured tier (3G or slower than 5/1)");
    }
    if (repaired[0] > 0) {
      notes.add(repaired[0] + " invalid polygons repaired");
      notes.addAll(repairs);
    }
    notes.add(
        "shares are of the union of each tier's coverage, measured on the WGS84 ellipsoid: "
            + reported.stream().map(MobileTier::indicator).toList());
    return new ReadResult(
        "mobile-coverage",
        CoverageShares.indicators(region, reported, areas),
        new IngestReport(count, count - outside, outside, 0, notes));
  }

  private static List<String> limit(Set<String> values) {
    List<String> shown = values.stream().limit(10).toList();
    if (values.size() > shown.size()) {
      List<String> more = new ArrayList<>(shown);
      more.add("...");
      return more;
    }
    return shown;
  }

  private static void checkEnvironment(String source, String where, String property, Object v) {
    if (v == null) {
      return;
    }
    String text = v.toString().strip().toLowerCase(Locale.ROOT);
    if (!text.isEmpty() && !ENVIRONMENTS.contains(text)) {
      throw new InputRejectedException(
          source,
          where,
          property,
          "unknown environment \"" + v + "\": expected outdoor or in-vehicle");
    }
  }

  private static Geometry polygonal(String source, String where, GeoJsonFeature f) {
    Geometry g = f.geometry();
    if (g == null || g.isEmpty()) {
      throw new InputRejectedException(source, where, null, "empty geometry: expected a polygon");
    }
    if (!(g instanceof Polygonal)) {
      throw new InputRejectedException(
          source,
          where,
          null,
          "geometry is a " + g.getGeometryType() + ": expected Polygon or MultiPolygon");
    }
    return g;
  }
}
