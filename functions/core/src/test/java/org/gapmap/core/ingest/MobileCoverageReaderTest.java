package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;
import static org.gapmap.core.TestInputs.wkt;
import static org.gapmap.core.VectorFiles.row;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gapmap.core.VectorFiles;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

class MobileCoverageReaderTest {
  private static final Neighborhood A = neighborhood("A", box(-74.00, 40.70, -73.99, 40.71));
  private static final Neighborhood B = neighborhood("B", box(-73.99, 40.70, -73.98, 40.71));
  private static final RegionContext REGION = new RegionContext(RegionId.of("test"), List.of(A, B));

  private static final String FIRST =
      "POLYGON ((-74 40.7, -73.995 40.7, -73.995 40.705, -74 40.705, -74 40.7))";
  private static final String SECOND =
      "POLYGON ((-73.9975 40.7025, -73.9925 40.7025, -73.9925 40.7075, -73.9975 40.7075, -73.9975 40.7025))";
  private static final String UNION =
      "POLYGON ((-74 40.7, -73.995 40.7, -73.995 40.7025, -73.9925 40.7025, -73.9925 40.7075,"
          + " -73.9975 40.7075, -73.9975 40.705, -74 40.705, -74 40.7))";

  /** A GeoJSON feature with a Polygon geometry from WKT. */
  static String feature(String properties, String wkt) {
    Polygon p = (Polygon) wkt(wkt);
    StringBuilder rings = new StringBuilder("[");
    for (int r = 0; r <= p.getNumInteriorRing(); r++) {
      rings.append(r == 0 ? "[" : ",[");
      Coordinate[] cs = (r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1)).getCoordinates();
      for (int i = 0; i < cs.length; i++) {
        rings
            .append(i == 0 ? "" : ",")
            .append('[')
            .append(cs[i].x)
            .append(',')
            .append(cs[i].y)
            .append(']');
      }
      rings.append(']');
    }
    String geometry = "{\"type\":\"Polygon\",\"coordinates\":" + rings.append(']') + "}";
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  private static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  private static String props(String tech, Object down, Object up, String provider) {
    return "{\"technology\":"
        + tech
        + ",\"mindown\":"
        + down
        + ",\"minup\":"
        + up
        + ",\"environment\":\"outdoor\",\"provider_id\":\""
        + provider
        + "\"}";
  }

  private static ReadResult read(InputSource input) {
    return new MobileCoverageReader().read(input, REGION, UploadOptions.defaults());
  }

  private static ReadResult read(String json) {
    return read(source("coverage.geojson", json));
  }

  private static double share(ReadResult r, Neighborhood n, String indicator) {
    Indicators i = r.indicators().get(n.id());
    return i.get(indicator).orElseThrow();
  }

  private static double area(String wkt) {
    return EllipsoidalArea.squareMetres(wkt(wkt));
  }

  @Test
  void overlappingProvidersAreUnionedPerTierNeverSummed() {
    ReadResult r =
        read(
            collection(
                feature(props("\"5G\"", 35, 3, "p1"), FIRST),
                feature(props("500", 7, 1, "p2"), SECOND),
                feature(props("\"5G\"", 7, 1, "p3"), FIRST)));

    double a = A.areaKm2() * 1e6;
    assertThat(share(r, A, "mobile_5g_area_share")).isCloseTo(area(UNION) / a, within(1e-6));
    assertThat(share(r, A, "mobile_5g_35_area_share")).isCloseTo(area(FIRST) / a, within(1e-6));
    assertThat(share(r, B, "mobile_5g_area_share")).isZero();
    // 5G files say nothing of 4G: no 4G indicator
    assertThat(r.indicators().get(A.id()).has("mobile_4g_area_share")).isFalse();
    assertThat(r.report().rowsRead()).isEqualTo(3);
    assertThat(r.report().notes()).anyMatch(n -> n.contains("3 providers"));
  }

  @Test
  void fourGShareCountsFourGOrBetter() {
    ReadResult r =
        read(
            collection(
                feature(
                    props("\"4G\"", 5, 1, "p1"),
                    "POLYGON ((-73.99 40.70, -73.98 40.70, -73.98 40.71, -73.99 40.71, -73.99 40.70))"),
                feature(props("\"5G\"", 7, 1, "p2"), FIRST),
                feature(props("\"3G\"", 0.2, 0.05, "p3"), SECOND)));

    assertThat(share(r, B, "mobile_4g_area_share")).isEqualTo(1.0);
    assertThat(share(r, A, "mobile_4g_area_share"))
        .isCloseTo(area(FIRST) / (A.areaKm2() * 1e6), within(1e-6));
    assertThat(r.report().notes()).anyMatch(n -> n.contains("below every measured tier"));
  }

  @Test
  void selfIntersectingPolygonIsRepairedAndReported() {
    String bowtie = "POLYGON ((-74 40.70, -73.99 40.71, -73.99 40.70, -74 40.71, -74 40.70))";

    ReadResult r = read(collection(feature(props("\"5G\"", 7, 1, "p"), bowtie)));

    assertThat(r.report().notes()).anyMatch(n -> n.contains("feature 1: invalid polygon repaired"));
    // the bow-tie's two triangles cover half the neighborhood
    assertThat(share(r, A, "mobile_5g_area_share")).isCloseTo(0.5, within(1e-4));
  }

  @Test
  void featuresOutsideTheRegionAreCountedAndReported() {
    ReadResult r =
        read(
            collection(
                feature(props("\"5G\"", 7, 1, "p"), FIRST),
                feature(
                    props("\"5G\"", 7, 1, "p"), "POLYGON ((10 10, 11 10, 11 11, 10 11, 10 10))")));

    assertThat(r.report().rowsOutside()).isEqualTo(1);
    assertThat(r.report().rowsUsed()).isEqualTo(1);
    assertThat(r.report().notes()).anyMatch(n -> n.contains("1 features lie outside"));
  }

  @Test
  void flatGeobufAndGeoPackageGiveTheSameSharesAsGeoJson() {
    List<VectorFiles.Row> rows =
        List.of(
            row(wkt(FIRST), "technology", "5G", "mindown", 35.0, "minup", 3.0),
            row(wkt(SECOND), "technology", "5G", "mindown", 7.0, "minup", 1.0));
    ReadResult fgb = read(source("c.fgb", VectorFiles.flatGeobuf(rows, 4326)));
    ReadResult gpkg = read(source("c.gpkg", VectorFiles.geoPackage("coverage", rows, 4326)));

    double expected = area(UNION) / (A.areaKm2() * 1e6);
    assertThat(share(fgb, A, "mobile_5g_area_share")).isCloseTo(expected, within(1e-6));
    assertThat(gpkg.indicators()).isEqualTo(fgb.indicators());
  }

  @Test
  void mappedPropertyNamesAreUsed() {
    String json = collection(feature("{\"TECH\":\"5G\",\"DL\":7,\"UL\":1}", FIRST));

    ReadResult r =
        new MobileCoverageReader()
            .read(
                source("c.geojson", json),
                REGION,
                new UploadOptions(
                    null,
                    Map.of("technology", "TECH", "mindown", "DL", "minup", "UL"),
                    null,
                    null));

    assertThat(share(r, A, "mobile_5g_area_share")).isGreaterThan(0.2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing technology | {\"mindown\":7,\"minup\":1} | feature 1, column 'technology': property missing",
        "unknown technology | {\"technology\":\"6G\",\"mindown\":7,\"minup\":1} | column 'technology': unknown technology \"6G\"",
        "unknown BDC code | {\"technology\":301,\"mindown\":7,\"minup\":1} | unknown technology \"301\"",
        "text speed | {\"technology\":\"5G\",\"mindown\":\"fast\",\"minup\":1} | column 'mindown': expected a number, found \"fast\"",
        "negative speed | {\"technology\":\"5G\",\"mindown\":7,\"minup\":-1} | column 'minup': negative value -1",
        "blank speed | {\"technology\":\"5G\",\"mindown\":null,\"minup\":1} | column 'mindown': missing value",
        "bad environment | {\"technology\":\"5G\",\"mindown\":7,\"minup\":1,\"environment\":\"indoor\"} | column 'environment': unknown environment"
      })
  void badPropertiesAreRejectedNamingFeatureAndProperty(
      String name, String properties, String message) {
    assertThatThrownBy(() -> read(collection(feature(properties, FIRST))))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("coverage.geojson: feature 1")
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not a collection | {\"type\":\"Feature\",\"properties\":{},\"geometry\":null} | expected a GeoJSON FeatureCollection",
        "unclosed ring | {\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"technology\":\"5G\",\"mindown\":7,\"minup\":1},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-74,40.7],[-73.99,40.7],[-73.99,40.71],[-74,40.71]]]}}]} | ring is not closed",
        "out of range | {\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"technology\":\"5G\",\"mindown\":7,\"minup\":1},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-74,40.7],[-73.99,95],[-73.99,40.71],[-74,40.7]]]}}]} | outside longitude -180..180 / latitude -90..90",
        "point geometry | {\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"technology\":\"5G\",\"mindown\":7,\"minup\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[-74,40.7]}}]} | geometry is a Point",
        "null geometry | {\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"technology\":\"5G\",\"mindown\":7,\"minup\":1},\"geometry\":null}]} | empty geometry",
        "no features | {\"type\":\"FeatureCollection\",\"features\":[]} | the file has no features",
        "unreadable crs | {\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::999999\"}},\"features\":[]} | cannot read coordinates in CRS",
        "empty file | '' | coverage.geojson"
      })
  void malformedFilesAreRejected(String name, String json, String message) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("coverage.geojson")
        .hasMessageContaining(message);
  }

  @Test
  void absurdNestingIsRejected() {
    String deep = "[".repeat(100) + "]".repeat(100);
    String json =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"x\":"
            + deep
            + "},\"geometry\":null}]}";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("nested deeper");
  }

  @Test
  void truncatedGzipIsRejected() {
    byte[] gz = gzip(collection(feature(props("\"5G\"", 7, 1, "p"), FIRST)));
    byte[] cut = Arrays.copyOf(gz, gz.length / 2);

    assertThatThrownBy(() -> read(source("coverage.geojson.gz", cut)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("coverage.geojson.gz")
        .hasMessageContaining("truncated");
  }

  @Test
  void everyNeighborhoodGetsASharePerReportedTier() {
    Map<NeighborhoodId, Indicators> out =
        read(collection(feature(props("\"5G\"", 7, 1, "p"), FIRST))).indicators();

    assertThat(out).containsOnlyKeys(A.id(), B.id());
    assertThat(out.get(B.id()).names())
        .containsExactly("mobile_5g_35_area_share", "mobile_5g_area_share");
  }

  /** Geometry helper used by the bow-tie case: make sure it is really invalid. */
  @Test
  void bowTieIsInvalidToBeginWith() {
    Geometry g = wkt("POLYGON ((-74 40.70, -73.99 40.71, -73.99 40.70, -74 40.71, -74 40.70))");
    assertThat(g.isValid()).isFalse();
  }
}
