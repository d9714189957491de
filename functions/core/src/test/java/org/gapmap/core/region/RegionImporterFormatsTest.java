package org.gapmap.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.source;
import static org.gapmap.core.TestInputs.wkt;
import static org.gapmap.core.VectorFiles.row;

import java.util.List;
import org.gapmap.core.VectorFiles;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Neighborhood;
import org.junit.jupiter.api.Test;

/** Regions from FlatGeobuf and GeoPackage, in WGS84 and in NY State Plane feet. */
class RegionImporterFormatsTest {
  private static final RegionImportOptions NTA =
      new RegionImportOptions("NTACode", "NTAName", null, List.of());

  /** 1000 x 1000 ft squares east of the EPSG:2263 origin (lon -74, lat 40 deg 10'). */
  private static final List<VectorFiles.Row> FEET =
      List.of(
          row(
              wkt("POLYGON ((984250 0, 985250 0, 985250 1000, 984250 1000, 984250 0))"),
              "NTACode",
              "X1",
              "NTAName",
              "First",
              "BoroName",
              "Queens"),
          row(
              wkt("POLYGON ((985250 0, 986250 0, 986250 1000, 985250 1000, 985250 0))"),
              "NTACode",
              "X2",
              "NTAName",
              "Second",
              "BoroName",
              "Queens"));

  /** 1000 US survey feet squared, in km², times the State Plane scale factor squared (~1). */
  private static final double SQUARE_KM2 = Math.pow(1000 * 1200.0 / 3937 / 1000, 2);

  private static void assertSquares(ImportedRegion region) {
    assertThat(region.neighborhoods()).extracting(n -> n.id().value()).containsExactly("X1", "X2");
    Neighborhood first = region.neighborhoods().get(0);
    assertThat(first.borough()).isEqualTo("Queens");
    assertThat(first.geometry().getCoordinates()[0].x).isCloseTo(-74.0, within(1e-7));
    // State Plane distances are scaled by at most 1/10,000 in this zone
    assertThat(first.areaKm2()).isCloseTo(SQUARE_KM2, within(SQUARE_KM2 * 5e-4));
    assertThat(first.areaKm2()).isEqualTo(EllipsoidalArea.squareKilometres(first.geometry()));
  }

  @Test
  void flatGeobufInStatePlaneFeet() {
    assertSquares(RegionImporter.read(source("nta.fgb", VectorFiles.flatGeobuf(FEET, 2263)), NTA));
  }

  @Test
  void geoPackageInStatePlaneFeet() {
    assertSquares(
        RegionImporter.read(source("nta.gpkg", VectorFiles.geoPackage("nta", FEET, 2263)), NTA));
  }

  @Test
  void geoJsonInStatePlaneFeet() {
    String json =
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
            + "\"urn:ogc:def:crs:EPSG::2263\"}},\"features\":["
            + "{\"type\":\"Feature\",\"properties\":{\"NTACode\":\"X1\",\"NTAName\":\"First\","
            + "\"BoroName\":\"Queens\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[984250,0],[985250,0],[985250,1000],[984250,1000],[984250,0]]]}},"
            + "{\"type\":\"Feature\",\"properties\":{\"NTACode\":\"X2\",\"NTAName\":\"Second\","
            + "\"BoroName\":\"Queens\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
            + "[[[985250,0],[986250,0],[986250,1000],[985250,1000],[985250,0]]]}}]}";

    assertSquares(RegionImporter.read(source("nta.geojson", json), NTA));
  }

  @Test
  void missingIdPropertyInAGeoPackageIsNamed() {
    assertThatThrownBy(
            () ->
                RegionImporter.read(
                    source("nta.gpkg", VectorFiles.geoPackage("nta", FEET, 2263)),
                    new RegionImportOptions("GEOID", "NTAName", null, List.of())))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("nta.gpkg: feature 1, column 'GEOID'");
  }
}
