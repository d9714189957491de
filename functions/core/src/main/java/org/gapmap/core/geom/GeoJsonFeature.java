package org.gapmap.core.geom;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature read from a vector file: a GeoJSON FeatureCollection, a FlatGeobuf file or a
 * GeoPackage feature table (see {@link FeatureFileReader}).
 *
 * @param number 1-based position in the file, for messages
 * @param id the feature's GeoJSON {@code id} member as text, or {@code null}
 * @param properties its properties (strings, numbers, booleans, nulls; nested values as their JSON
 *     text)
 * @param geometry its geometry in WGS84 lon/lat, or {@code null} for a null geometry
 */
public record GeoJsonFeature(
    long number, String id, Map<String, Object> properties, Geometry geometry) {}
