package org.gapmap.core.geom;

import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A Web-Mercator (Bing Maps) tile named by its quadkey, such as the zoom-16 tiles of aggregated
 * speed-test data. The quadkey's digits interleave the tile's x and y bits, one digit per zoom
 * level; its bounds in longitude/latitude follow from the spherical Mercator projection. Immutable
 * and thread-safe.
 *
 * @param zoom the zoom level (the quadkey's length)
 * @param x column, 0 at longitude -180
 * @param y row, 0 at the northern edge (latitude 85.05...)
 */
public record QuadkeyTile(int zoom, int x, int y) {
  /** Deepest zoom a quadkey may name. */
  public static final int MAX_ZOOM = 23;

  private static final Pattern QUADKEY = Pattern.compile("[0-3]{1," + MAX_ZOOM + "}");
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  /**
   * Parses a quadkey such as {@code 0320101101232311}.
   *
   * @throws IllegalArgumentException when it is not 1 to 23 digits 0-3
   */
  public static QuadkeyTile parse(String quadkey) {
    if (quadkey == null || !QUADKEY.matcher(quadkey).matches()) {
      throw new IllegalArgumentException(
          "'" + quadkey + "' is not a quadkey: expected 1 to " + MAX_ZOOM + " digits 0-3");
    }
    int x = 0;
    int y = 0;
    for (int i = 0; i < quadkey.length(); i++) {
      int digit = quadkey.charAt(i) - '0';
      x = (x << 1) | (digit & 1);
      y = (y << 1) | (digit >> 1);
    }
    return new QuadkeyTile(quadkey.length(), x, y);
  }

  public double west() {
    return x / (double) (1L << zoom) * 360.0 - 180.0;
  }

  public double east() {
    return (x + 1) / (double) (1L << zoom) * 360.0 - 180.0;
  }

  public double north() {
    return latitude(y);
  }

  public double south() {
    return latitude(y + 1);
  }

  private double latitude(int row) {
    double n = Math.PI * (1 - 2.0 * row / (1L << zoom));
    return Math.toDegrees(Math.atan(Math.sinh(n)));
  }

  /** The tile as a counter-clockwise longitude/latitude rectangle. */
  public Polygon polygon() {
    double w = west();
    double e = east();
    double s = south();
    double n = north();
    return FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(w, s),
          new Coordinate(e, s),
          new Coordinate(e, n),
          new Coordinate(w, n),
          new Coordinate(w, s)
        });
  }
}
