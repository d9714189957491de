package org.gapmap.core.geom;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Streams the features of a GeoJSON FeatureCollection one at a time, so a large file needs memory
 * for one feature only. Reads RFC 7946 and the legacy {@code crs} member (JTS's own reader fails on
 * it): WGS84 longitude/latitude (CRS84, EPSG:4326, as the NYC planning files do) is read as it is,
 * any other EPSG code proj4j knows (NYC's State Plane {@code EPSG:2263}) is reprojected to WGS84.
 * Rejects, naming the feature: a top level that is not a FeatureCollection, a CRS it cannot read,
 * unclosed rings, rings with fewer than four positions, coordinates out of range, nesting deeper
 * than {@value #MAX_NESTING}, strings longer than {@value #MAX_STRING_LENGTH} characters and
 * numbers longer than {@value #MAX_NUMBER_LENGTH}.
 *
 * <p>Not thread-safe: one reader per file.
 */
public final class GeoJsonFeatureReader {
  /** Deepest JSON nesting accepted; a MultiPolygon needs 7. */
  public static final int MAX_NESTING = 32;

  /**
   * Longest JSON string (a property value or name) accepted, in characters: 1 Mi, where GeoJSON
   * properties are names, codes and numbers (Jackson's own default is 20 M).
   */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  /** Longest JSON number accepted, in characters (Jackson's default). */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private static final Set<String> WGS84_NAMES =
      Set.of(
          "urn:ogc:def:crs:ogc:1.3:crs84",
          "urn:ogc:def:crs:ogc::crs84",
          "http://www.opengis.net/def/crs/ogc/1.3/crs84",
          "urn:ogc:def:crs:epsg::4326",
          "urn:ogc:def:crs:epsg:4326",
          "epsg:4326",
          "http://www.opengis.net/def/crs/epsg/0/4326");

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNameLength(MAX_STRING_LENGTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private final GeometryFactory geometryFactory = new GeometryFactory(new PrecisionModel(), 4326);
  private final String source;
  private Reprojection reprojection;
  private boolean sawFeature;

  private GeoJsonFeatureReader(String source) {
    this.source = source;
  }

  /**
   * Reads every feature of {@code input} and hands each to {@code sink}; returns the number of
   * features.
   */
  public static long read(InputSource input, Consumer<GeoJsonFeature> sink) {
    GeoJsonFeatureReader reader = new GeoJsonFeatureReader(input.name());
    try (InputStream in = input.openDecoded();
        JsonParser parser = FACTORY.createParser(in)) {
      return reader.readCollection(parser, sink);
    } catch (StreamConstraintsException e) {
      throw reader.reject(null, limitBroken(e));
    } catch (JsonParseException e) {
      throw reader.reject(
          "line " + e.getLocation().getLineNr(), "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw reader.reject(null, "cannot read: " + e.getMessage());
    }
  }

  /** Which of the {@link StreamReadConstraints} the file broke, in words. */
  private static String limitBroken(StreamConstraintsException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (message.startsWith("Document nesting depth")) {
      return "JSON nested deeper than " + MAX_NESTING + " levels";
    }
    if (message.startsWith("String value length") || message.startsWith("Name length")) {
      return "a JSON string is longer than " + MAX_STRING_LENGTH + " characters";
    }
    if (message.startsWith("Number value length")) {
      return "a JSON number is longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    // another limit: Jackson's words, without its API's names
    return "JSON exceeds a limit: " + message.replaceAll(",? ?\\(?from `[^`]*`\\)?", "");
  }

  private long readCollection(JsonParser p, Consumer<GeoJsonFeature> sink) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw reject(null, "expected a GeoJSON FeatureCollection object");
    }
    String type = null;
    long count = 0;
    boolean sawFeatures = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "type" -> type = p.getValueAsString();
        case "crs" -> checkCrs(MAPPER.readTree(p));
        case "features" -> {
          if (value != JsonToken.START_ARRAY) {
            throw reject(null, "'features' must be an array");
          }
          sawFeatures = true;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            count++;
            sawFeature = true;
            sink.accept(readFeature(count, MAPPER.readTree(p)));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (!"FeatureCollection".equals(type)) {
      throw reject(
          null,
          "expected a GeoJSON FeatureCollection, found type "
              + (type == null ? "(none)" : "'" + type + "'"));
    }
    if (!sawFeatures) {
      throw reject(null, "the FeatureCollection has no 'features' array");
    }
    return count;
  }

  private void checkCrs(JsonNode crs) {
    if (crs.isNull()) {
      return;
    }
    String name = crs.path("properties").path("name").asText("");
    if (WGS84_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      return;
    }
    String shown = name.isEmpty() ? crs.toString() : name;
    if (name.isEmpty()) {
      throw reject(
          null,
          "cannot read coordinates in CRS "
              + shown
              + ": expected a named CRS (an EPSG code such as urn:ogc:def:crs:EPSG::2263, or CRS84)");
    }
    try {
      reprojection = Reprojection.forCrsName(name).orElse(null);
    } catch (IllegalArgumentException e) {
      throw reject(null, "cannot read coordinates in CRS '" + shown + "': " + e.getMessage());
    }
    if (reprojection != null && sawFeature) {
      throw reject(
          null,
          "the 'crs' member ("
              + shown
              + ") comes after the features; put it before 'features' so coordinates can be"
              + " reprojected as they are read");
    }
  }

  private GeoJsonFeature readFeature(long number, JsonNode node) {
    if (!"Feature".equals(node.path("type").asText())) {
      throw reject(where(number, null), "expected an object of type 'Feature'");
    }
    String id = node.hasNonNull("id") ? node.get("id").asText() : null;
    Map<String, Object> properties = new LinkedHashMap<>();
    JsonNode props = node.path("properties");
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      properties.put(e.getKey(), scalar(e.getValue()));
    }
    JsonNode geometry = node.get("geometry");
    Geometry g =
        geometry == null || geometry.isNull() ? null : readGeometry(where(number, id), geometry);
    if (g != null && reprojection != null) {
      g = reproject(where(number, id), g);
    }
    return new GeoJsonFeature(number, id, properties, g);
  }

  private Geometry reproject(String where, Geometry g) {
    Geometry lonLat;
    try {
      lonLat = reprojection.toWgs84(g);
    } catch (IllegalArgumentException e) {
      throw reject(where, e.getMessage());
    }
    for (Coordinate c : lonLat.getCoordinates()) {
      if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
        throw reject(
            where,
            "coordinate reprojected from "
                + reprojection.sourceName()
                + " falls outside longitude -180..180 / latitude -90..90 (does the file really use"
                + " this CRS?)");
      }
    }
    return lonLat;
  }

  private static Object scalar(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    return v.toString();
  }

  private static String where(long number, String id) {
    return "feature " + number + (id == null ? "" : " (id " + id + ")");
  }

  private Geometry readGeometry(String where, JsonNode node) {
    String type = node.path("type").asText();
    JsonNode coords = node.path("coordinates");
    return switch (type) {
      case "Point" -> geometryFactory.createPoint(position(where, coords));
      case "MultiPoint" -> {
        requireArray(where, coords, "MultiPoint coordinates");
        Coordinate[] points = new Coordinate[coords.size()];
        for (int i = 0; i < points.length; i++) {
          points[i] = position(where, coords.get(i));
        }
        yield geometryFactory.createMultiPointFromCoords(points);
      }
      case "Polygon" -> polygon(where, coords);
      case "MultiPolygon" -> {
        requireArray(where, coords, "MultiPolygon coordinates");
        Polygon[] parts = new Polygon[coords.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = polygon(where, coords.get(i));
        }
        yield geometryFactory.createMultiPolygon(parts);
      }
      default ->
          throw reject(
              where,
              "unsupported geometry type '"
                  + type
                  + "': expected Point, MultiPoint, Polygon or MultiPolygon");
    };
  }

  private Polygon polygon(String where, JsonNode rings) {
    requireArray(where, rings, "Polygon coordinates");
    if (rings.isEmpty()) {
      return geometryFactory.createPolygon();
    }
    LinearRing shell = ring(where, rings.get(0));
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 1; i < rings.size(); i++) {
      holes[i - 1] = ring(where, rings.get(i));
    }
    return geometryFactory.createPolygon(shell, holes);
  }

  private LinearRing ring(String where, JsonNode positions) {
    requireArray(where, positions, "ring");
    List<Coordinate> coords = new ArrayList<>(positions.size());
    for (JsonNode position : positions) {
      coords.add(position(where, position));
    }
    if (coords.size() < 4) {
      throw reject(where, "a ring needs at least 4 positions, found " + coords.size());
    }
    if (!coords.get(0).equals2D(coords.get(coords.size() - 1))) {
      throw reject(
          where,
          "ring is not closed: first position "
              + coords.get(0)
              + " differs from last "
              + coords.get(coords.size() - 1));
    }
    return geometryFactory.createLinearRing(coords.toArray(Coordinate[]::new));
  }

  private Coordinate position(String where, JsonNode position) {
    if (!position.isArray()
        || position.size() < 2
        || !position.get(0).isNumber()
        || !position.get(1).isNumber()) {
      throw reject(where, "expected a position [longitude, latitude], found " + position);
    }
    double lon = position.get(0).asDouble();
    double lat = position.get(1).asDouble();
    if (reprojection != null) {
      if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
        throw reject(where, "coordinate [" + lon + ", " + lat + "] is not finite");
      }
      return new Coordinate(lon, lat);
    }
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
      throw reject(
          where,
          "coordinate ["
              + lon
              + ", "
              + lat
              + "] is outside longitude -180..180 / latitude -90..90 (projected coordinates?"
              + " gapmap expects WGS84 longitude/latitude)");
    }
    return new Coordinate(lon, lat);
  }

  private void requireArray(String where, JsonNode node, String what) {
    if (!node.isArray()) {
      throw reject(where, what + " must be an array");
    }
  }

  private InputRejectedException reject(String where, String reason) {
    return new InputRejectedException(source, where, null, reason);
  }
}
