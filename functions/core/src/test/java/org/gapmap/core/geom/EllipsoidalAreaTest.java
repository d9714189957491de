package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.wkt;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class EllipsoidalAreaTest {
  /**
   * The geodesic polygon (0 0, 1 0, 1 1, 0 1) on WGS84: the exact area of the zone between the
   * equator and 1°N over 1° of longitude, 12,308.464 km², plus the 0.314 km² sliver between the
   * northern geodesic edge and the parallel.
   */
  private static final double EQUATOR_CELL_KM2 = 12_308.78;

  @Test
  void oneDegreeCellAtTheEquatorHasItsGeodesicArea() {
    double km2 = EllipsoidalArea.squareKilometres(box(0, 0, 1, 1));

    assertThat(km2).isCloseTo(EQUATOR_CELL_KM2, withinPercentage(0.01));
  }

  @Test
  void squareMetresAreAMillionTimesSquareKilometres() {
    Geometry cell = box(0, 0, 1, 1);

    assertThat(EllipsoidalArea.squareMetres(cell))
        .isCloseTo(EllipsoidalArea.squareKilometres(cell) * 1e6, offset(1e-3));
  }

  @Test
  void cellFartherFromTheEquatorIsSmaller() {
    double equator = EllipsoidalArea.squareKilometres(box(0, 0, 1, 1));
    double nyc = EllipsoidalArea.squareKilometres(box(-74, 40, -73, 41));

    // cos(40.5°) of the equatorial cell, give or take the ellipsoid's flattening
    assertThat(nyc / equator).isCloseTo(Math.cos(Math.toRadians(40.5)), offset(0.01));
  }

  @Test
  void holeIsSubtracted() {
    Geometry outer = box(0, 0, 1, 1);
    Geometry withHole =
        wkt(
            "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.25 0.25, 0.25 0.75, 0.75 0.75, 0.75 0.25, 0.25 0.25))");
    Geometry hole = box(0.25, 0.25, 0.75, 0.75);

    double expected =
        EllipsoidalArea.squareKilometres(outer) - EllipsoidalArea.squareKilometres(hole);

    assertThat(EllipsoidalArea.squareKilometres(withHole)).isCloseTo(expected, offset(1e-6));
    assertThat(EllipsoidalArea.squareKilometres(withHole))
        .isCloseTo(EQUATOR_CELL_KM2 * 0.75, withinPercentage(0.05));
  }

  @Test
  void orientationDoesNotMatter() {
    Geometry counterClockwise = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");
    Geometry clockwise = wkt("POLYGON ((0 0, 0 1, 1 1, 1 0, 0 0))");

    assertThat(EllipsoidalArea.squareMetres(clockwise))
        .isPositive()
        .isCloseTo(EllipsoidalArea.squareMetres(counterClockwise), offset(1e-3));
  }

  @Test
  void multiPolygonAddsItsPartsAndLinesHaveNoArea() {
    Geometry two =
        wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((0 -1, 1 -1, 1 0, 0 0, 0 -1)))");

    assertThat(EllipsoidalArea.squareKilometres(two))
        .isCloseTo(2 * EQUATOR_CELL_KM2, withinPercentage(0.01));
    assertThat(EllipsoidalArea.squareMetres(wkt("LINESTRING (0 0, 1 1)"))).isZero();
    assertThat(EllipsoidalArea.squareMetres(wkt("POINT (0 0)"))).isZero();
  }
}
