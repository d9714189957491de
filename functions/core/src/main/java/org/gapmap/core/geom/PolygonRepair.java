package org.gapmap.core.geom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Makes polygonal geometries valid with JTS {@link GeometryFixer}, keeping only the polygonal part,
 * and says what was wrong so the repair can be reported. Stateless and thread-safe.
 */
public final class PolygonRepair {
  /** A valid polygonal geometry and, if it had to be repaired, what was wrong with the original. */
  public record Result(Geometry geometry, Optional<String> problem) {}

  private PolygonRepair() {}

  public static Result repair(Geometry geometry) {
    TopologyValidationError error = new IsValidOp(geometry).getValidationError();
    if (error == null) {
      return new Result(geometry, Optional.empty());
    }
    Geometry fixed = polygonalPart(GeometryFixer.fix(geometry));
    fixed.setSRID(geometry.getSRID());
    return new Result(
        fixed,
        Optional.of(
            error.getMessage()
                + " near ("
                + error.getCoordinate().x
                + " "
                + error.getCoordinate().y
                + ")"));
  }

  private static Geometry polygonalPart(Geometry g) {
    List<Polygon> found = new ArrayList<>();
    g.apply(new PolygonExtracter(found));
    List<Polygon> polygons = found.stream().filter(p -> !p.isEmpty()).toList();
    return polygons.size() == 1
        ? polygons.get(0)
        : g.getFactory().createMultiPolygon(polygons.toArray(Polygon[]::new));
  }
}
