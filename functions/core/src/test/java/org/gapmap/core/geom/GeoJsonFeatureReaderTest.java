package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.source;

import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

class GeoJsonFeatureReaderTest {
  /**
   * The start of the NYC planning NTA 2010 file, with its legacy crs member, and a shortened first
   * feature.
   */
  private static final String NTA_FILE =
      """
      {
      "type": "FeatureCollection",
      "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
      "features": [
      { "type": "Feature", "properties": { "BoroCode": 3, "BoroName": "Brooklyn", "CountyFIPS": "047", "NTACode": "BK88", "NTAName": "Borough Park", "Shape_Leng": 39247.228028, "Shape_Area": 54005019.070900 }, "geometry": { "type": "MultiPolygon", "coordinates": [ [ [ [ -73.97605, 40.63128 ], [ -73.97717, 40.63075 ], [ -73.977, 40.62987 ], [ -73.97605, 40.63128 ] ] ] ] } }
      ]
      }
      """;

  private static final String SQUARE = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";

  private static List<GeoJsonFeature> read(InputSource input) {
    List<GeoJsonFeature> features = new ArrayList<>();
    long count = GeoJsonFeatureReader.read(input, features::add);
    assertThat(count).isEqualTo(features.size());
    return features;
  }

  private static List<GeoJsonFeature> read(String json) {
    return read(source("test.geojson", json));
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  private static String feature(String properties, String geometryType, String coordinates) {
    return "{\"type\":\"Feature\",\"properties\":"
        + properties
        + ",\"geometry\":{\"type\":\""
        + geometryType
        + "\",\"coordinates\":"
        + coordinates
        + "}}";
  }

  @Test
  void legacyCrs84MemberIsAccepted() {
    List<GeoJsonFeature> features = read(NTA_FILE);

    assertThat(features).hasSize(1);
    GeoJsonFeature f = features.get(0);
    assertThat(f.number()).isEqualTo(1);
    assertThat(f.properties())
        .containsEntry("NTACode", "BK88")
        .containsEntry("BoroCode", 3L)
        .containsEntry("CountyFIPS", "047")
        .containsEntry("Shape_Leng", 39247.228028);
    assertThat((Object) f.geometry()).isInstanceOf(MultiPolygon.class);
    assertThat(f.geometry().getSRID()).isEqualTo(4326);
    assertThat(f.geometry().getCoordinates()[0].x).isEqualTo(-73.97605);
    assertThat(f.geometry().getCoordinates()[0].y).isEqualTo(40.63128);
  }

  @Test
  void epsg4326CrsIsAcceptedAndGzipIsRead() {
    String json =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
            + "{\"name\":\"EPSG:4326\"}},\"features\":["
            + feature("{\"id\":\"A\"}", "Polygon", SQUARE)
            + "]}";

    List<GeoJsonFeature> features = read(source("a.geojson.gz", gzip(json)));

    assertThat(features)
        .singleElement()
        .satisfies(f -> assertThat((Object) f.geometry()).isInstanceOf(Polygon.class));
  }

  @Test
  void projectedCrsKnownToProj4jIsReprojectedToWgs84() {
    // EPSG:2263 (NY Long Island State Plane, US feet): (984250, 0) is its origin, -74 / 40 deg 10'.
    String json =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
            + "{\"name\":\"urn:ogc:def:crs:EPSG::2263\"}},\"features\":["
            + feature(
                "{\"id\":\"A\"}",
                "Polygon",
                "[[[984250,0],[985250,0],[985250,1000],[984250,1000],[984250,0]]]")
            + "]}";

    GeoJsonFeature f = read(json).get(0);

    assertThat(f.geometry().getCoordinates()[0].x).isCloseTo(-74.0, within(1e-7));
    assertThat(f.geometry().getCoordinates()[0].y).isCloseTo(40 + 10 / 60.0, within(1e-7));
    assertThat(f.geometry().getSRID()).isEqualTo(4326);
  }

  @Test
  void crsThatCannotBeReadIsRejectedNamingIt() {
    String json = NTA_FILE.replace("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::999999");

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("test.geojson")
        .hasMessageContaining("EPSG::999999")
        .hasMessageContaining("cannot read coordinates");
    assertThatThrownBy(() -> read(NTA_FILE.replace("urn:ogc:def:crs:OGC:1.3:CRS84", "local grid")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("local grid")
        .hasMessageContaining("EPSG code");
  }

  @Test
  void projectedCrsAfterTheFeaturesIsRejected() {
    String json =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + feature("{\"id\":\"A\"}", "Polygon", SQUARE)
            + "],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:2263\"}}}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("comes after the features");
  }

  @Test
  void topLevelFeatureIsRejected() {
    String json = feature("{\"NTACode\":\"BK09\"}", "Polygon", SQUARE);

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("expected a GeoJSON FeatureCollection")
        .hasMessageContaining("'Feature'");
  }

  @Test
  void unclosedRingIsRejectedNamingTheFeature() {
    String json =
        collection(
            feature("{}", "Polygon", SQUARE),
            feature("{}", "Polygon", "[[[0,0],[1,0],[1,1],[0,1],[0,0.5]]]"));

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 2")
        .hasMessageContaining("not closed");
  }

  @Test
  void ringWithTooFewPositionsIsRejected() {
    String json = collection(feature("{}", "Polygon", "[[[0,0],[1,0],[0,0]]]"));

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 1")
        .hasMessageContaining("at least 4 positions");
  }

  @Test
  void coordinatesOutOfRangeAreRejected() {
    // State plane feet (the pole file's X/Y columns) instead of degrees.
    String json =
        collection(
            feature(
                "{}",
                "Polygon",
                "[[[989062,160733],[991172,162849],[990161,162641],[989062,160733]]]"));

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 1")
        .hasMessageContaining("outside longitude -180..180");
  }

  @Test
  void latitudeBeyondThePoleIsRejected() {
    String json = collection(feature("{}", "Point", "[10, 90.5]"));

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("latitude -90..90");
  }

  @Test
  void nestingDeeperThanTheLimitIsRejected() {
    int depth = GeoJsonFeatureReader.MAX_NESTING + 5;
    String deep = "[".repeat(depth) + "1" + "]".repeat(depth);
    String json = collection(feature("{\"deep\":" + deep + "}", "Polygon", SQUARE));

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("nested deeper than " + GeoJsonFeatureReader.MAX_NESTING);
  }

  @Test
  void aStringOrNumberLongerThanItsLimitIsRejectedForWhatItIs() {
    String longString = "x".repeat(GeoJsonFeatureReader.MAX_STRING_LENGTH + 1);
    assertThatThrownBy(
            () -> read(collection(feature("{\"a\":\"" + longString + "\"}", "Point", "[1,2]"))))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage("test.geojson: a JSON string is longer than 1048576 characters");
    String longNumber = "1".repeat(GeoJsonFeatureReader.MAX_NUMBER_LENGTH + 1);
    assertThatThrownBy(
            () -> read(collection(feature("{\"a\":" + longNumber + "}", "Point", "[1,2]"))))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage("test.geojson: a JSON number is longer than 1000 characters");
  }

  @Test
  void nestedPropertyWithinTheLimitIsKeptAsJsonText() {
    String json = collection(feature("{\"tags\":[\"a\",[1,2]]}", "Point", "[1,2]"));

    GeoJsonFeature f = read(json).get(0);

    assertThat(f.properties()).containsEntry("tags", "[\"a\",[1,2]]");
    assertThat((Object) f.geometry()).isInstanceOf(Point.class);
  }

  @Test
  void invalidJsonIsRejectedWithItsLine() {
    String json =
        "{\n"
            + "\"type\": \"FeatureCollection\",\n"
            + "\"features\": [\n"
            + "{ \"type\": \"Feature\" \"properties\": {} }\n"
            + "]}\n";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 4")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void unsupportedGeometryTypeIsRejected() {
    String json = collection(feature("{}", "LineString", "[[0,0],[1,1]]"));

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 1")
        .hasMessageContaining("'LineString'");
  }

  @Test
  void nullGeometryAndFeatureIdAreKept() {
    String json =
        "{\"type\":\"FeatureCollection\",\"features\":["
            + "{\"type\":\"Feature\",\"id\":7,\"properties\":{\"a\":null,\"b\":true},\"geometry\":null}]}";

    GeoJsonFeature f = read(json).get(0);

    assertThat(f.id()).isEqualTo("7");
    assertThat((Object) f.geometry()).isNull();
    assertThat(f.properties()).containsEntry("a", null).containsEntry("b", true);
  }
}
