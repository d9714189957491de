package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuadkeyTileTest {
  /** The latitude limit of Web Mercator, atan(sinh(pi)). */
  private static final double MAX_LAT = 85.0511287798066;

  @Test
  void zoomOneQuadrantsHaveTextbookBounds() {
    QuadkeyTile nw = QuadkeyTile.parse("0");
    QuadkeyTile se = QuadkeyTile.parse("3");

    assertThat(new double[] {nw.west(), nw.south(), nw.east(), nw.north()})
        .containsExactly(new double[] {-180, 0, 0, MAX_LAT}, within(1e-9));
    assertThat(new double[] {se.west(), se.south(), se.east(), se.north()})
        .containsExactly(new double[] {0, -MAX_LAT, 180, 0}, within(1e-9));
  }

  @Test
  void digitsInterleaveColumnAndRow() {
    // "03": NW quadrant, then its SE child: x = 1, y = 1 at zoom 2 -> lon -90..0, lat 0..66.51
    QuadkeyTile t = QuadkeyTile.parse("03");

    assertThat(t).isEqualTo(new QuadkeyTile(2, 1, 1));
    assertThat(t.west()).isEqualTo(-90);
    assertThat(t.east()).isEqualTo(0);
    assertThat(t.north()).isCloseTo(66.51326044311186, within(1e-9));
    assertThat(t.south()).isCloseTo(0, within(1e-12));
  }

  @Test
  void zoom16TileInManhattanIsAbout600MetresAcross() {
    // the zoom-16 tile holding lon -73.985, lat 40.748 (x 19299, y 24631)
    QuadkeyTile t = QuadkeyTile.parse("0320101101320233");

    assertThat(t).isEqualTo(new QuadkeyTile(16, 19299, 24631));
    assertThat(t.west()).isLessThanOrEqualTo(-73.985).isGreaterThan(-73.985 - 360.0 / 65536);
    assertThat(t.south()).isLessThanOrEqualTo(40.748);
    assertThat(t.north()).isGreaterThan(40.748);
    double areaKm2 = EllipsoidalArea.squareKilometres(t.polygon());
    // 611.5 m at the equator times cos(40.75 deg), squared
    assertThat(areaKm2)
        .isCloseTo(Math.pow(0.61150 * Math.cos(Math.toRadians(40.748)), 2), within(0.002));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0320101101232314", "03201x", "012301230123012301230123"})
  void malformedQuadkeysAreRejected(String quadkey) {
    assertThatThrownBy(() -> QuadkeyTile.parse(quadkey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a quadkey");
  }
}
