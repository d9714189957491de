package org.gapmap.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Small inline inputs shared by the core tests: in-memory files, WKT geometries and neighborhoods.
 */
public final class TestInputs {
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  private TestInputs() {}

  /** An in-memory input of {@code bytes} under {@code name}. */
  public static InputSource source(String name, byte[] bytes) {
    return new InputSource(name, () -> new ByteArrayInputStream(bytes), bytes.length);
  }

  /** An in-memory input of {@code text} in UTF-8 under {@code name}. */
  public static InputSource source(String name, String text) {
    return source(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code text} in UTF-8, gzipped. */
  public static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A geometry in WGS84 longitude/latitude from WKT. */
  public static Geometry wkt(String wkt) {
    try {
      return new WKTReader(FACTORY).read(wkt);
    } catch (ParseException e) {
      throw new IllegalArgumentException(wkt, e);
    }
  }

  /**
   * The axis-aligned rectangle {@code minLon..maxLon} by {@code minLat..maxLat}, counter-clockwise.
   */
  public static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
    return wkt(
        String.format(
            java.util.Locale.ROOT,
            "POLYGON ((%s %s, %s %s, %s %s, %s %s, %s %s))",
            minLon,
            minLat,
            maxLon,
            minLat,
            maxLon,
            maxLat,
            minLon,
            maxLat,
            minLon,
            minLat));
  }

  /** A ranked neighborhood named after its id, with its ellipsoidal area. */
  public static Neighborhood neighborhood(String id, Geometry geometry) {
    return neighborhood(id, geometry, true);
  }

  public static Neighborhood neighborhood(String id, Geometry geometry, boolean ranked) {
    return new Neighborhood(
        NeighborhoodId.of(id),
        "Neighborhood " + id,
        "Borough",
        ranked,
        geometry,
        EllipsoidalArea.squareKilometres(geometry));
  }
}
