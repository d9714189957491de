package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.wkt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

class ReprojectionTest {
  @Test
  void nycStatePlaneOriginLandsOnItsDefiningMeridianAndParallel() {
    // EPSG:2263 (NAD83 / New York Long Island, US feet): false easting 984250 ftUS (300 km) on
    // longitude -74, false northing 0 on latitude 40 deg 10' N.
    Reprojection r = Reprojection.forEpsg(2263).orElseThrow();

    Geometry lonLat = r.toWgs84(wkt("POINT (984250 0)"));

    Coordinate c = lonLat.getCoordinate();
    assertThat(c.x).isCloseTo(-74.0, within(1e-7));
    assertThat(c.y).isCloseTo(40 + 10 / 60.0, within(1e-7));
    assertThat(lonLat.getSRID()).isEqualTo(4326);
  }

  @Test
  void theInputGeometryIsNotChanged() {
    Geometry projected = wkt("POINT (984250 0)");

    Reprojection.forEpsg(2263).orElseThrow().toWgs84(projected);

    assertThat(projected.getCoordinate().x).isEqualTo(984250);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "urn:ogc:def:crs:EPSG::2263",
        "EPSG:2263",
        "urn:ogc:def:crs:EPSG:6.3:2263",
        "http://www.opengis.net/def/crs/EPSG/0/2263"
      })
  void crsNamesWithAnEpsgCodeAreRead(String name) {
    assertThat(Reprojection.forCrsName(name))
        .get()
        .extracting(Reprojection::sourceName)
        .isEqualTo("EPSG:2263");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"})
  void wgs84NamesNeedNoReprojection(String name) {
    assertThat(Reprojection.forCrsName(name)).isEmpty();
  }

  @Test
  void unknownCodesAndUnreadableNamesAreRejectedNamingThem() {
    assertThatThrownBy(() -> Reprojection.forEpsg(999999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EPSG:999999");
    assertThatThrownBy(() -> Reprojection.forCrsName("ESRI:102718 local"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ESRI:102718");
  }
}
