package org.gapmap.core.geom;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads the features of a vector file whatever its format: GeoJSON, FlatGeobuf or GeoPackage,
 * chosen by the file's first bytes (magic numbers) and, failing those, its extension. Every reader
 * hands over WGS84 longitude/latitude geometries, reprojecting what its file declares in another
 * CRS. Stateless and thread-safe.
 */
public final class FeatureFileReader {
  /** The vector formats gapmap reads. */
  public enum Format {
    GEOJSON,
    FLATGEOBUF,
    GEOPACKAGE
  }

  private static final byte[] FLATGEOBUF_MAGIC = {'f', 'g', 'b'};
  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private FeatureFileReader() {}

  /**
   * Reads every feature of {@code input} and hands each to {@code sink}; returns the number of
   * features.
   *
   * @throws InputRejectedException naming the file, the feature and the reason, for input it cannot
   *     accept
   */
  public static long read(InputSource input, Consumer<GeoJsonFeature> sink) {
    return switch (detect(input)) {
      case GEOJSON -> GeoJsonFeatureReader.read(input, sink);
      case FLATGEOBUF -> FlatGeobufFeatureReader.read(input, sink);
      case GEOPACKAGE -> GeoPackageFeatureReader.read(input, sink);
    };
  }

  /** The format of {@code input}, by magic bytes, then by extension; GeoJSON otherwise. */
  public static Format detect(InputSource input) {
    byte[] head = new byte[16];
    int n = 0;
    try (InputStream in = input.openDecoded()) {
      int r;
      while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
        n += r;
      }
    } catch (IOException e) {
      throw new InputRejectedException(input.name(), null, null, "cannot read: " + e, e);
    }
    if (n >= 3 && Arrays.equals(head, 0, 3, FLATGEOBUF_MAGIC, 0, 3)) {
      return Format.FLATGEOBUF;
    }
    if (n >= SQLITE_MAGIC.length && Arrays.equals(head, 0, n, SQLITE_MAGIC, 0, n)) {
      return Format.GEOPACKAGE;
    }
    String name = input.name().toLowerCase(Locale.ROOT);
    if (n > 0 && (name.endsWith(".fgb") || name.endsWith(".fgb.gz"))) {
      return Format.FLATGEOBUF;
    }
    if (n > 0 && name.endsWith(".gpkg")) {
      return Format.GEOPACKAGE;
    }
    return Format.GEOJSON;
  }

  /** Rejects a geometry with a coordinate outside longitude -180..180 / latitude -90..90. */
  static void checkLonLat(String source, String where, Geometry g, String crs) {
    for (Coordinate c : g.getCoordinates()) {
      if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
        throw new InputRejectedException(
            source,
            where,
            null,
            "coordinate ("
                + c.x
                + " "
                + c.y
                + ") is outside longitude -180..180 / latitude -90..90 in "
                + crs
                + " (does the file declare its CRS correctly?)");
      }
    }
  }
}
