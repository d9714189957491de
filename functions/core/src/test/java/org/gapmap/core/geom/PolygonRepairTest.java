package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.gapmap.core.TestInputs.wkt;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

class PolygonRepairTest {
  @Test
  void bowTieIsRepairedToAValidPolygonalGeometry() {
    Geometry bowTie = wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))");
    assertThat(bowTie.isValid()).isFalse();

    PolygonRepair.Result result = PolygonRepair.repair(bowTie);

    assertThat(result.geometry().isValid()).isTrue();
    assertThat((Object) result.geometry()).isInstanceOf(Polygonal.class);
    assertThat(result.geometry().getArea()).isCloseTo(2.0, offset(1e-9));
    assertThat(result.geometry().getSRID()).isEqualTo(4326);
    assertThat(result.problem())
        .hasValueSatisfying(p -> assertThat(p).containsIgnoringCase("self-intersection"));
  }

  @Test
  void validPolygonIsReturnedUnchanged() {
    Geometry square = wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))");

    PolygonRepair.Result result = PolygonRepair.repair(square);

    assertThat((Object) result.geometry()).isSameAs(square);
    assertThat(result.problem()).isEmpty();
  }

  @Test
  void polygonWithASpikeKeepsOnlyItsArea() {
    // A ring that doubles back along a line makes a zero-width spike.
    Geometry spiked = wkt("POLYGON ((0 0, 1 0, 1 1, 1 2, 1 1, 0 1, 0 0))");

    PolygonRepair.Result result = PolygonRepair.repair(spiked);

    assertThat(result.problem()).isPresent();
    assertThat(result.geometry().isValid()).isTrue();
    assertThat((Object) result.geometry()).isInstanceOf(Polygonal.class);
    assertThat(result.geometry().getArea()).isCloseTo(1.0, offset(1e-9));
  }
}
