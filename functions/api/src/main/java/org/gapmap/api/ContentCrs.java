package org.gapmap.api;

import java.util.Arrays;
import java.util.Optional;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * The coordinate reference systems features can be asked for (OGC API - Features Part 2): CRS84
 * (longitude, latitude: the storage CRS and the default), EPSG:4326 (latitude, longitude, as that
 * CRS defines its axes) and EPSG:3857 (web mercator metres, rounded to centimetres). Immutable.
 */
enum ContentCrs {
  CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
  EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326"),
  EPSG_3857("http://www.opengis.net/def/crs/EPSG/0/3857");

  /** The sphere radius of web mercator (the WGS84 semi-major axis), metres. */
  private static final double RADIUS = 6_378_137.0;

  /** Web mercator's latitude limit, where the map becomes square. */
  private static final double MAX_LATITUDE = 85.05112877980659;

  private final String uri;

  ContentCrs(String uri) {
    this.uri = uri;
  }

  String uri() {
    return uri;
  }

  /** The CRS named by {@code uri}, or empty when it is not offered. */
  static Optional<ContentCrs> of(String uri) {
    String trimmed = uri.trim();
    return Arrays.stream(values()).filter(c -> c.uri.equals(trimmed)).findFirst();
  }

  /** {@code crs84} (longitude/latitude) in this CRS; the argument itself for CRS84. */
  Geometry fromCrs84(Geometry crs84) {
    if (this == CRS84) {
      return crs84;
    }
    Geometry copy = crs84.copy();
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            double lon = seq.getX(i);
            double lat = seq.getY(i);
            if (ContentCrs.this == EPSG_4326) {
              seq.setOrdinate(i, 0, lat);
              seq.setOrdinate(i, 1, lon);
            } else {
              seq.setOrdinate(i, 0, centimetres(mercatorX(lon)));
              seq.setOrdinate(i, 1, centimetres(mercatorY(lat)));
            }
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
    return copy;
  }

  /**
   * The corners of a {@code bbox} given in this CRS (lower corner first, each in this CRS's axis
   * order) as CRS84 {@code [west, south, east, north]}.
   */
  double[] cornersToCrs84(double lower1, double lower2, double upper1, double upper2) {
    return switch (this) {
      case CRS84 -> new double[] {lower1, lower2, upper1, upper2};
      case EPSG_4326 -> new double[] {lower2, lower1, upper2, upper1};
      case EPSG_3857 ->
          new double[] {longitude(lower1), latitude(lower2), longitude(upper1), latitude(upper2)};
    };
  }

  private static double mercatorX(double lon) {
    return RADIUS * Math.toRadians(lon);
  }

  private static double mercatorY(double lat) {
    double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
    return RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2));
  }

  private static double longitude(double x) {
    return Math.toDegrees(x / RADIUS);
  }

  private static double latitude(double y) {
    return Math.toDegrees(2 * Math.atan(Math.exp(y / RADIUS)) - Math.PI / 2);
  }

  private static double centimetres(double metres) {
    return Math.round(metres * 100) / 100.0;
  }
}
