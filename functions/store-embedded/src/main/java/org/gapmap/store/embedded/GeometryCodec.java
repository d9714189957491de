package org.gapmap.store.embedded;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * Stores geometries as deflate-compressed extended WKB. WKB keeps every coordinate bit for bit, and
 * the SRID travels with it; Z is written only where a coordinate has one. Thread-safe.
 */
final class GeometryCodec {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  private GeometryCodec() {}

  static byte[] encode(Geometry geometry) {
    byte[] wkb = new WKBWriter(hasZ(geometry) ? 3 : 2, true).write(geometry);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(wkb.length / 2 + 16);
    try (OutputStream out = new DeflaterOutputStream(compressed)) {
      out.write(wkb);
    } catch (IOException e) {
      throw new StoreException("could not compress a geometry", e);
    }
    return compressed.toByteArray();
  }

  static Geometry decode(byte[] blob) {
    byte[] wkb;
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(blob))) {
      wkb = in.readAllBytes();
    } catch (IOException e) {
      throw new StoreException("stored geometry is not valid compressed data", e);
    }
    try {
      return new WKBReader(FACTORY).read(wkb);
    } catch (ParseException e) {
      throw new StoreException("stored geometry is not valid WKB: " + e.getMessage(), e);
    }
  }

  private static boolean hasZ(Geometry geometry) {
    ZFinder finder = new ZFinder();
    geometry.apply(finder);
    return finder.found;
  }

  /** Notes whether any coordinate has a Z value. */
  private static final class ZFinder implements CoordinateFilter {
    private boolean found;

    @Override
    public void filter(Coordinate coordinate) {
      found |= !Double.isNaN(coordinate.getZ());
    }
  }
}
