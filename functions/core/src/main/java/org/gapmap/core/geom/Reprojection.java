package org.gapmap.core.geom;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Reprojects coordinates from an EPSG coordinate reference system to WGS84 longitude/latitude with
 * proj4j and its EPSG registry (NYC's State Plane {@code EPSG:2263} in US feet, UTM zones, Web
 * Mercator, ...). {@link #forCrsName(String)} reads the names GeoJSON's legacy {@code crs} member,
 * GeoPackage and FlatGeobuf use.
 *
 * <p>Not thread-safe (proj4j transforms keep scratch state): one instance per reader.
 */
public final class Reprojection {
  /** EPSG codes that already are WGS84 longitude/latitude as far as GeoJSON practice goes. */
  private static final int WGS84 = 4326;

  private static final Pattern EPSG_CODE =
      Pattern.compile("(?i).*\\bepsg\\b(?:[:/]+[0-9.]*)*?[:/]+(\\d+)\\s*$");

  private static final CRSFactory CRS_FACTORY = new CRSFactory();

  private final String name;
  private final CoordinateTransform transform;
  private final ProjCoordinate in = new ProjCoordinate();
  private final ProjCoordinate out = new ProjCoordinate();

  private Reprojection(String name, CoordinateTransform transform) {
    this.name = name;
    this.transform = transform;
  }

  /**
   * The reprojection from {@code EPSG:code} to WGS84, or empty when {@code code} is WGS84 itself.
   *
   * @throws IllegalArgumentException when proj4j does not know the code
   */
  public static Optional<Reprojection> forEpsg(int code) {
    if (code == WGS84) {
      return Optional.empty();
    }
    String crsName = "EPSG:" + code;
    CoordinateReferenceSystem source;
    CoordinateReferenceSystem target;
    try {
      source = CRS_FACTORY.createFromName(crsName);
      target = CRS_FACTORY.createFromName("EPSG:" + WGS84);
    } catch (Proj4jException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "unknown coordinate reference system " + crsName + " (" + e.getMessage() + ")", e);
    }
    if (source == null) {
      throw new IllegalArgumentException("unknown coordinate reference system " + crsName);
    }
    return Optional.of(
        new Reprojection(
            crsName, new CoordinateTransformFactory().createTransform(source, target)));
  }

  /**
   * The reprojection for a CRS name such as {@code urn:ogc:def:crs:EPSG::2263}, {@code EPSG:2263},
   * {@code http://www.opengis.net/def/crs/EPSG/0/2263} or {@code urn:ogc:def:crs:OGC:1.3:CRS84};
   * empty for WGS84 longitude/latitude.
   *
   * @throws IllegalArgumentException when the name is not one proj4j can read
   */
  public static Optional<Reprojection> forCrsName(String crsName) {
    String lower = crsName.strip().toLowerCase(Locale.ROOT);
    if (lower.endsWith("crs84") || lower.endsWith("crs:84")) {
      return Optional.empty();
    }
    Matcher m = EPSG_CODE.matcher(crsName.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "cannot read coordinate reference system '"
              + crsName
              + "': expected an EPSG code (EPSG:2263, urn:ogc:def:crs:EPSG::2263) or CRS84");
    }
    return forEpsg(Integer.parseInt(m.group(1)));
  }

  /** The source CRS, {@code EPSG:2263}. */
  public String sourceName() {
    return name;
  }

  /**
   * {@code geometry} with every coordinate reprojected to WGS84 longitude/latitude; {@code
   * geometry} itself is not changed.
   *
   * @throws IllegalArgumentException when a coordinate cannot be reprojected
   */
  public Geometry toWgs84(Geometry geometry) {
    Geometry copy = geometry.copy();
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            in.x = seq.getX(i);
            in.y = seq.getY(i);
            try {
              transform.transform(in, out);
            } catch (Proj4jException e) {
              throw new IllegalArgumentException(
                  "cannot reproject (" + in.x + " " + in.y + ") from " + name, e);
            }
            seq.setOrdinate(i, CoordinateSequence.X, out.x);
            seq.setOrdinate(i, CoordinateSequence.Y, out.y);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    copy.setSRID(WGS84);
    return copy;
  }
}
