package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.source;
import static org.gapmap.core.TestInputs.wkt;
import static org.gapmap.core.VectorFiles.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gapmap.core.VectorFiles;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class FeatureFileReaderTest {
  private static final String SQUARE =
      "POLYGON ((-74 40.7, -73.99 40.7, -73.99 40.71, -74 40.71, -74 40.7))";
  private static final String FEET_SQUARE =
      "POLYGON ((984250 0, 985250 0, 985250 1000, 984250 1000, 984250 0))";

  private static List<GeoJsonFeature> read(InputSource input) {
    List<GeoJsonFeature> features = new ArrayList<>();
    long n = FeatureFileReader.read(input, features::add);
    assertThat(n).isEqualTo(features.size());
    return features;
  }

  private static List<VectorFiles.Row> rows(String geometry) {
    return List.of(
        row(wkt(geometry), "NTACode", "BK88", "technology", "5G", "mindown", 7.0, "count", 3L),
        row(wkt(geometry), "NTACode", "BK89", "technology", "4G", "mindown", 5.0, "count", 4L));
  }

  @Test
  void flatGeobufFeaturesAreReadWithTheirProperties() {
    byte[] fgb = VectorFiles.flatGeobuf(rows(SQUARE), 4326);

    List<GeoJsonFeature> features = read(source("coverage.fgb", fgb));

    assertThat(FeatureFileReader.detect(source("no-extension", fgb)))
        .isEqualTo(FeatureFileReader.Format.FLATGEOBUF);
    assertThat(features).hasSize(2);
    assertThat(features.get(1).properties())
        .containsEntry("NTACode", "BK89")
        .containsEntry("technology", "4G")
        .containsEntry("mindown", 5.0)
        .containsEntry("count", 4L);
    assertThat(features.get(0).geometry().equalsExact(wkt(SQUARE))).isTrue();
  }

  @Test
  void flatGeobufInStatePlaneFeetIsReprojected() {
    byte[] fgb = VectorFiles.flatGeobuf(rows(FEET_SQUARE), 2263);

    Coordinate first = read(source("ny.fgb", fgb)).get(0).geometry().getCoordinates()[0];

    assertThat(first.x).isCloseTo(-74.0, within(1e-7));
    assertThat(first.y).isCloseTo(40 + 10 / 60.0, within(1e-7));
  }

  @Test
  void flatGeobufWithProjectedCoordinatesButNoCrsIsRejectedAsOutOfRange() {
    byte[] fgb = VectorFiles.flatGeobuf(rows(FEET_SQUARE), 0);

    assertThatThrownBy(() -> read(source("ny.fgb", fgb)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("ny.fgb: feature 1")
        .hasMessageContaining("outside longitude");
  }

  @Test
  void truncatedFlatGeobufIsRejected() {
    byte[] fgb = VectorFiles.flatGeobuf(rows(SQUARE), 4326);
    byte[] cut = Arrays.copyOf(fgb, fgb.length - 20);

    assertThatThrownBy(() -> read(source("cut.fgb", cut)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("cut.fgb")
        .hasMessageContaining("truncated");
  }

  @Test
  void corruptFlatGeobufFeatureIsRejectedNamingIt() {
    byte[] fgb = VectorFiles.flatGeobuf(rows(SQUARE), 4326);
    byte[] corrupt = fgb.clone();
    // overwrite the first feature's body (after its 4-byte size) with 0xff
    int headerEnd =
        8
            + 4
            + java.nio.ByteBuffer.wrap(fgb, 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    Arrays.fill(corrupt, headerEnd + 4, headerEnd + 40, (byte) 0xff);

    assertThatThrownBy(() -> read(source("bad.fgb", corrupt)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("bad.fgb: feature 1");
  }

  @Test
  void geoPackageFeaturesAreReadWithTheirProperties() {
    byte[] gpkg = VectorFiles.geoPackage("coverage", rows(SQUARE), 4326);

    List<GeoJsonFeature> features = read(source("coverage.gpkg", gpkg));

    assertThat(FeatureFileReader.detect(source("x", gpkg)))
        .isEqualTo(FeatureFileReader.Format.GEOPACKAGE);
    assertThat(features).hasSize(2);
    assertThat(features.get(0).properties())
        .containsEntry("NTACode", "BK88")
        .containsEntry("mindown", 7.0)
        .containsEntry("count", 3L);
    assertThat(features.get(0).geometry().equalsExact(wkt(SQUARE))).isTrue();
  }

  @Test
  void geoPackageInStatePlaneFeetIsReprojectedFromItsSrsTable() {
    byte[] gpkg = VectorFiles.geoPackage("ny", rows(FEET_SQUARE), 2263);

    Coordinate first = read(source("ny.gpkg", gpkg)).get(0).geometry().getCoordinates()[0];

    assertThat(first.x).isCloseTo(-74.0, within(1e-7));
    assertThat(first.y).isCloseTo(40 + 10 / 60.0, within(1e-7));
  }

  @Test
  void corruptGeoPackageIsRejected() {
    byte[] gpkg = VectorFiles.geoPackage("coverage", rows(SQUARE), 4326);
    byte[] cut = Arrays.copyOf(gpkg, 2000);

    assertThatThrownBy(() -> read(source("cut.gpkg", cut)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("cut.gpkg");
  }

  @Test
  void anythingElseIsReadAsGeoJson() {
    assertThat(FeatureFileReader.detect(source("a.json", "{\"type\":\"FeatureCollection\"}")))
        .isEqualTo(FeatureFileReader.Format.GEOJSON);
    assertThatThrownBy(() -> read(source("empty.geojson", "")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("empty.geojson");
  }
}
