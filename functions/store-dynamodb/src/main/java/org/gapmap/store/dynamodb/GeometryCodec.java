package org.gapmap.store.dynamodb;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * Geometries as deflate-compressed extended WKB: every coordinate bit for bit, the SRID with it, Z
 * only where a coordinate has one. Thread-safe.
 */
final class GeometryCodec {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  private GeometryCodec() {}

  static byte[] encode(Geometry geometry) {
    return Compression.deflate(new WKBWriter(hasZ(geometry) ? 3 : 2, true).write(geometry));
  }

  static Geometry decode(byte[] compressed, String what) {
    try {
      return new WKBReader(FACTORY).read(Compression.inflate(compressed, what));
    } catch (ParseException e) {
      throw new DynamoDbStoreException(
          "stored " + what + " is not valid WKB: " + e.getMessage(), e);
    }
  }

  private static boolean hasZ(Geometry geometry) {
    boolean[] found = {false};
    CoordinateFilter filter = (Coordinate c) -> found[0] |= !Double.isNaN(c.getZ());
    geometry.apply(filter);
    return found[0];
  }
}
