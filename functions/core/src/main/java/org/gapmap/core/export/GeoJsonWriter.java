package org.gapmap.core.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes features and geometries as RFC 7946 GeoJSON: WGS84 longitude/latitude, exterior rings
 * counter-clockwise and holes clockwise, coordinates rounded to {@value #DECIMALS} decimals (about
 * 10 cm), no {@code crs} member.
 *
 * <p>Stateless and thread-safe; the {@link JsonGenerator} passed in is not.
 */
public final class GeoJsonWriter {
  /** Decimal places of written coordinates. */
  public static final int DECIMALS = 6;

  private static final double SCALE = Math.pow(10, DECIMALS);

  private GeoJsonWriter() {}

  /**
   * Writes one Feature object with {@code id}, {@code geometry} (or null) and {@code properties}.
   */
  public static void writeFeature(
      JsonGenerator g, String id, Geometry geometry, Map<String, Object> properties)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "Feature");
    g.writeStringField("id", id);
    g.writeFieldName("geometry");
    if (geometry == null) {
      g.writeNull();
    } else {
      writeGeometry(g, geometry);
    }
    g.writeFieldName("properties");
    writeValue(g, properties);
    g.writeEndObject();
  }

  /** Writes a Point, Polygon or MultiPolygon geometry object. */
  public static void writeGeometry(JsonGenerator g, Geometry geometry) throws IOException {
    g.writeStartObject();
    if (geometry instanceof Point point) {
      g.writeStringField("type", "Point");
      g.writeFieldName("coordinates");
      writePosition(g, point.getCoordinate());
    } else if (geometry instanceof Polygon polygon) {
      g.writeStringField("type", "Polygon");
      g.writeFieldName("coordinates");
      writePolygon(g, polygon);
    } else if (geometry instanceof MultiPolygon multi) {
      g.writeStringField("type", "MultiPolygon");
      g.writeFieldName("coordinates");
      g.writeStartArray();
      for (int i = 0; i < multi.getNumGeometries(); i++) {
        writePolygon(g, (Polygon) multi.getGeometryN(i));
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("cannot write " + geometry.getGeometryType());
    }
    g.writeEndObject();
  }

  /**
   * Writes a JSON value: {@code null}, String, Boolean, Number (integral values without a
   * fraction), Map or List of those.
   */
  public static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Number n) {
      writeNumber(g, n.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else {
      g.writeString(value.toString());
    }
  }

  /**
   * Writes a double as an integer when it has no fraction (12, not 12.0), else in its shortest
   * exact form.
   */
  public static void writeNumber(JsonGenerator g, double v) throws IOException {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  private static void writePolygon(JsonGenerator g, Polygon polygon) throws IOException {
    g.writeStartArray();
    writeRing(g, polygon.getExteriorRing(), true);
    for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
      writeRing(g, polygon.getInteriorRingN(i), false);
    }
    g.writeEndArray();
  }

  private static void writeRing(JsonGenerator g, LineString ring, boolean counterClockwise)
      throws IOException {
    Coordinate[] coords = ring.getCoordinates();
    boolean reverse = Orientation.isCCW(coords) != counterClockwise;
    g.writeStartArray();
    for (int i = 0; i < coords.length; i++) {
      writePosition(g, coords[reverse ? coords.length - 1 - i : i]);
    }
    g.writeEndArray();
  }

  private static void writePosition(JsonGenerator g, Coordinate c) throws IOException {
    g.writeStartArray();
    g.writeNumber(roundCoordinate(c.x));
    g.writeNumber(roundCoordinate(c.y));
    g.writeEndArray();
  }

  public static double roundCoordinate(double v) {
    return Math.round(v * SCALE) / SCALE;
  }
}
