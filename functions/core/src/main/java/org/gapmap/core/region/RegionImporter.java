package org.gapmap.core.region;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.geom.FeatureFileReader;
import org.gapmap.core.geom.GeoJsonFeature;
import org.gapmap.core.geom.PolygonRepair;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * Reads a region's neighborhoods from a GeoJSON, FlatGeobuf or GeoPackage file (projected
 * coordinates are reprojected to WGS84): each feature needs a polygonal geometry, a unique
 * non-blank id and a name. Invalid polygons are repaired and the repair reported; duplicate ids,
 * missing ids or names, empty and non-polygonal geometries reject the file, naming the feature.
 * Stateless and thread-safe.
 */
public final class RegionImporter {
  static final List<String> BOROUGH_PROPERTIES =
      List.of("BoroName", "borough", "Borough", "boro_name", "BOROUGH", "county", "County");

  private RegionImporter() {}

  public static ImportedRegion read(InputSource input, RegionImportOptions options) {
    List<Neighborhood> neighborhoods = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> seenProperties = new HashSet<>();
    FeatureFileReader.read(
        input,
        feature -> {
          seenProperties.addAll(feature.properties().keySet());
          Neighborhood n = toNeighborhood(input.name(), feature, options, notes);
          if (!ids.add(n.id().value())) {
            throw new InputRejectedException(
                input.name(),
                "feature " + feature.number(),
                options.idProperty(),
                "duplicate neighborhood id '" + n.id() + "'");
          }
          neighborhoods.add(n);
        });
    if (neighborhoods.isEmpty()) {
      throw new InputRejectedException(
          input.name(), null, null, "the FeatureCollection has no features");
    }
    for (UnrankedCondition c : options.unranked()) {
      if (!seenProperties.contains(c.property()) && !"id".equals(c.property())) {
        throw new InputRejectedException(
            input.name(),
            null,
            c.property(),
            "unranked condition '" + c + "' names a property no feature has");
      }
    }
    long unranked = neighborhoods.stream().filter(n -> !n.ranked()).count();
    notes.add(
        neighborhoods.size()
            + " neighborhoods, "
            + (neighborhoods.size() - unranked)
            + " ranked, "
            + unranked
            + " shown but not ranked");
    return new ImportedRegion(neighborhoods, notes);
  }

  private static Neighborhood toNeighborhood(
      String source, GeoJsonFeature f, RegionImportOptions options, List<String> notes) {
    String where = "feature " + f.number();
    String id = requiredText(source, where, f.properties(), options.idProperty());
    String name = requiredText(source, where, f.properties(), options.nameProperty());
    where = where + " (" + id + ")";
    Geometry geometry = f.geometry();
    if (geometry == null || geometry.isEmpty()) {
      throw new InputRejectedException(source, where, null, "empty geometry");
    }
    if (!(geometry instanceof Polygonal)) {
      throw new InputRejectedException(
          source,
          where,
          null,
          "geometry is a " + geometry.getGeometryType() + ": expected Polygon or MultiPolygon");
    }
    PolygonRepair.Result repaired = PolygonRepair.repair(geometry);
    if (repaired.problem().isPresent()) {
      notes.add(where + ": invalid polygon repaired (" + repaired.problem().get() + ")");
    }
    Geometry valid = repaired.geometry();
    if (valid.isEmpty()) {
      throw new InputRejectedException(
          source, where, null, "geometry has no area left after repair");
    }
    boolean ranked = options.unranked().stream().noneMatch(c -> c.matches(f.properties(), id));
    return new Neighborhood(
        NeighborhoodId.of(id),
        name,
        borough(f.properties(), options.boroughProperty()),
        ranked,
        valid,
        EllipsoidalArea.squareKilometres(valid));
  }

  private static String requiredText(
      String source, String where, Map<String, Object> properties, String property) {
    Object v = properties.get(property);
    if (v == null || v.toString().isBlank()) {
      throw new InputRejectedException(
          source,
          where,
          property,
          properties.containsKey(property)
              ? "blank value: every feature needs one"
              : "property missing; the feature has: " + String.join(", ", properties.keySet()));
    }
    return v.toString().strip();
  }

  private static String borough(Map<String, Object> properties, String boroughProperty) {
    List<String> candidates =
        boroughProperty == null ? BOROUGH_PROPERTIES : List.of(boroughProperty);
    for (String c : candidates) {
      Object v = properties.get(c);
      if (v != null && !v.toString().isBlank()) {
        return v.toString().strip().replace('_', ' ');
      }
    }
    return null;
  }
}
