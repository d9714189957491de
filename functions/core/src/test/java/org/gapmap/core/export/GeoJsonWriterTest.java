package org.gapmap.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.wkt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class GeoJsonWriterTest {
  private static final JsonFactory JSON = new JsonFactory();

  @FunctionalInterface
  private interface Writing {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Writing writing) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      writing.write(g);
    }
    return out.toString();
  }

  private static Coordinate[] ring(JsonNode positions) {
    List<Coordinate> coords = new ArrayList<>();
    positions.forEach(p -> coords.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
    return coords.toArray(Coordinate[]::new);
  }

  @Test
  void exteriorRingComesOutCounterClockwiseAndHoleClockwise() throws IOException {
    // exterior clockwise and hole counter-clockwise: both the wrong way round for RFC 7946
    Geometry polygon = wkt("POLYGON ((0 0, 0 4, 4 4, 4 0, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))");
    assertThat(Orientation.isCCW(polygon.getCoordinates())).isFalse();

    JsonNode geometry =
        new ObjectMapper().readTree(write(g -> GeoJsonWriter.writeGeometry(g, polygon)));

    assertThat(geometry.get("type").asText()).isEqualTo("Polygon");
    JsonNode rings = geometry.get("coordinates");
    assertThat(rings).hasSize(2);
    assertThat(Orientation.isCCW(ring(rings.get(0)))).as("exterior").isTrue();
    assertThat(Orientation.isCCW(ring(rings.get(1)))).as("hole").isFalse();
    assertThat(rings.get(0)).hasSize(5);
    assertThat(ring(rings.get(0))[0]).isEqualTo(new Coordinate(0, 0));
  }

  @Test
  void correctlyOrientedRingsAreWrittenAsTheyAre() throws IOException {
    Geometry polygon = wkt("POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))");

    String json = write(g -> GeoJsonWriter.writeGeometry(g, polygon));

    assertThat(json)
        .isEqualTo(
            "{\"type\":\"Polygon\",\"coordinates\":[[[0.0,0.0],[4.0,0.0],[4.0,4.0],[0.0,4.0],[0.0,0.0]],"
                + "[[1.0,1.0],[1.0,2.0],[2.0,2.0],[2.0,1.0],[1.0,1.0]]]}");
  }

  @Test
  void multiPolygonPartsAreEachOriented() throws IOException {
    Geometry multi = wkt("MULTIPOLYGON (((0 0, 0 1, 1 1, 1 0, 0 0)), ((2 0, 3 0, 3 1, 2 1, 2 0)))");

    JsonNode geometry =
        new ObjectMapper().readTree(write(g -> GeoJsonWriter.writeGeometry(g, multi)));

    assertThat(geometry.get("type").asText()).isEqualTo("MultiPolygon");
    for (JsonNode polygon : geometry.get("coordinates")) {
      assertThat(Orientation.isCCW(ring(polygon.get(0)))).isTrue();
    }
  }

  @Test
  void coordinatesAreRoundedToSixDecimals() throws IOException {
    Geometry point = wkt("POINT (-73.98267049999 40.6078501234)");

    String json = write(g -> GeoJsonWriter.writeGeometry(g, point));

    assertThat(json).isEqualTo("{\"type\":\"Point\",\"coordinates\":[-73.98267,40.60785]}");
    assertThat(GeoJsonWriter.roundCoordinate(1.23456789)).isEqualTo(1.234568);
    assertThat(GeoJsonWriter.roundCoordinate(-0.0000004)).isEqualTo(0.0);
  }

  @Test
  void integralDoublesAreWrittenWithoutAFraction() throws IOException {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("households", 11115.0);
    properties.put("rank", 3);
    properties.put("count", 12L);
    properties.put("share", 0.23);
    properties.put("negative", -2.0);
    properties.put("huge", 1e20);
    properties.put("list", List.of(1.0, 2.5));
    properties.put("none", null);

    String json = write(g -> GeoJsonWriter.writeValue(g, properties));

    assertThat(json)
        .isEqualTo(
            "{\"households\":11115,\"rank\":3,\"count\":12,\"share\":0.23,\"negative\":-2,"
                + "\"huge\":1.0E20,\"list\":[1,2.5],\"none\":null}");
  }

  @Test
  void featureHasIdGeometryAndProperties() throws IOException {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("name", "Williamsburg");
    properties.put("ranked", true);

    String json = write(g -> GeoJsonWriter.writeFeature(g, "BK72", wkt("POINT (1 2)"), properties));

    assertThat(json)
        .isEqualTo(
            "{\"type\":\"Feature\",\"id\":\"BK72\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0]},"
                + "\"properties\":{\"name\":\"Williamsburg\",\"ranked\":true}}");
    assertThat(write(g -> GeoJsonWriter.writeFeature(g, "X", null, Map.of())))
        .isEqualTo("{\"type\":\"Feature\",\"id\":\"X\",\"geometry\":null,\"properties\":{}}");
  }

  @Test
  void otherGeometryTypesAreRefused() {
    Geometry line = wkt("LINESTRING (0 0, 1 1)");

    assertThatThrownBy(() -> write(g -> GeoJsonWriter.writeGeometry(g, line)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LineString");
  }
}
