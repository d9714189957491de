/**
 * Geometry for gapmap: streaming GeoJSON reading, repair of invalid polygons, areas on the WGS84
 * ellipsoid and point location over a region's neighborhoods. Results are valid geometries in WGS84
 * longitude/latitude.
 */
package org.gapmap.core.geom;
