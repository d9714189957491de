package org.gapmap.core.model;

import org.locationtech.jts.geom.Envelope;

/** A WGS84 longitude/latitude bounding box (CRS84 axis order). */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {
  public BoundingBox {
    if (!(minLon <= maxLon && minLat <= maxLat)) {
      throw new IllegalArgumentException(
          "empty bounding box: " + minLon + "," + minLat + "," + maxLon + "," + maxLat);
    }
  }

  public static BoundingBox of(Envelope envelope) {
    return new BoundingBox(
        envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY());
  }

  public Envelope toEnvelope() {
    return new Envelope(minLon, maxLon, minLat, maxLat);
  }
}
