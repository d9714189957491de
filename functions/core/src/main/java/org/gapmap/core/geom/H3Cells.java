package org.gapmap.core.geom;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * H3 cells (Uber's hexagonal grid, {@code com.uber:h3}): parsing and validating cell ids such as
 * {@code 892a100d2c3ffff}, a cell's centre, the cell at a point, and a cell's boundary as a
 * longitude/latitude polygon. Cells are small (a res-8 cell is about 0.74 km²), so straight edges
 * between the vertices stay within centimetres of H3's great-circle edges. Cells crossing the
 * antimeridian are not handled. Stateless and thread-safe (one shared {@link H3Core}, loaded once;
 * H3Core is thread-safe).
 */
public final class H3Cells {
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private static final class Holder {
    static final H3Core H3 = load();

    private static H3Core load() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the H3 native library", e);
      }
    }
  }

  private H3Cells() {}

  /**
   * The cell with hexadecimal id {@code text} (case and surrounding spaces ignored).
   *
   * @throws IllegalArgumentException when it is not a valid H3 cell id
   */
  public static long parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!t.matches("[0-9a-f]{15,16}")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an H3 cell id: expected 15 hexadecimal digits (892a100d2c3ffff)");
    }
    long cell = Long.parseUnsignedLong(t, 16);
    if (!Holder.H3.isValidCell(cell)) {
      throw new IllegalArgumentException("'" + text + "' is not a valid H3 cell");
    }
    return cell;
  }

  public static int resolution(long cell) {
    return Holder.H3.getResolution(cell);
  }

  public static String toText(long cell) {
    return Holder.H3.h3ToString(cell);
  }

  /** Whether {@code cell} is a valid H3 cell index of {@code resolution}. */
  public static boolean isCell(long cell, int resolution) {
    return Holder.H3.isValidCell(cell) && Holder.H3.getResolution(cell) == resolution;
  }

  /** The centre of a valid cell as {@code {latitude, longitude}} in degrees. */
  public static double[] center(long cell) {
    LatLng c = Holder.H3.cellToLatLng(cell);
    return new double[] {c.lat, c.lng};
  }

  /** The cell of {@code resolution} containing (latitude, longitude). */
  public static long cellAt(double lat, double lng, int resolution) {
    return Holder.H3.latLngToCell(lat, lng, resolution);
  }

  /** The cell's boundary as a closed, counter-clockwise longitude/latitude polygon. */
  public static Polygon polygon(long cell) {
    List<LatLng> boundary = Holder.H3.cellToBoundary(cell);
    Coordinate[] ring = new Coordinate[boundary.size() + 1];
    for (int i = 0; i < boundary.size(); i++) {
      ring[i] = new Coordinate(boundary.get(i).lng, boundary.get(i).lat);
    }
    ring[boundary.size()] = ring[0].copy();
    return FACTORY.createPolygon(ring);
  }
}
