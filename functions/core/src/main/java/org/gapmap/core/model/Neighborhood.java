package org.gapmap.core.model;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One neighborhood polygon of a region.
 *
 * @param id identifier within the region
 * @param name display name
 * @param borough borough, county or district it belongs to, or {@code null} where the source has
 *     none
 * @param ranked whether it takes part in the ranking (parks, airports and cemeteries are shown but
 *     not ranked)
 * @param geometry valid WGS84 lon/lat polygonal geometry
 * @param areaKm2 area on the WGS84 ellipsoid in square kilometres
 */
public record Neighborhood(
    NeighborhoodId id,
    String name,
    String borough,
    boolean ranked,
    Geometry geometry,
    double areaKm2) {
  public Neighborhood {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(geometry, "geometry");
  }
}
