package org.gapmap.core.geom;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Area of longitude/latitude polygons on the WGS84 ellipsoid (Karney's geodesic algorithms, as
 * PostGIS does for {@code geography}), never in square degrees. Stateless and thread-safe.
 */
public final class EllipsoidalArea {
  private EllipsoidalArea() {}

  /** Area in square metres of a polygonal geometry; 0 for points and lines. */
  public static double squareMetres(Geometry geometry) {
    double total = 0;
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      if (geometry.getGeometryN(i) instanceof Polygon polygon && !polygon.isEmpty()) {
        total += ringArea(polygon.getExteriorRing());
        for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
          total -= ringArea(polygon.getInteriorRingN(h));
        }
      }
    }
    return total;
  }

  public static double squareKilometres(Geometry geometry) {
    return squareMetres(geometry) / 1e6;
  }

  private static double ringArea(LineString ring) {
    PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
    Coordinate[] coords = ring.getCoordinates();
    int n = coords.length;
    if (n > 1 && coords[0].equals2D(coords[n - 1])) {
      n--;
    }
    for (int i = 0; i < n; i++) {
      area.AddPoint(coords[i].y, coords[i].x);
    }
    PolygonResult result = area.Compute(false, true);
    return Math.abs(result.area);
  }
}
