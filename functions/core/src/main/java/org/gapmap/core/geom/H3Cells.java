package org.gapmap.core.geom;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The few H3 operations gapmap needs, on one shared {@link H3Core} (loaded once; H3Core is
 * thread-safe). Stateless.
 */
public final class H3Cells {
  private H3Cells() {}

  private static final class Holder {
    static final H3Core H3 = load();

    private static H3Core load() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the H3 library", e);
      }
    }
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
}
