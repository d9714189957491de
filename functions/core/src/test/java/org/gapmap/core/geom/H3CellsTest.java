package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class H3CellsTest {
  @Test
  void cellPolygonHasTheAreaH3Reports() throws IOException {
    H3Core h3 = H3Core.newInstance();
    String id = h3.latLngToCellAddress(40.705, -73.995, 9);

    long cell = H3Cells.parse(id.toUpperCase(java.util.Locale.ROOT));

    assertThat(H3Cells.resolution(cell)).isEqualTo(9);
    assertThat(H3Cells.toText(cell)).isEqualTo(id);
    double ours = EllipsoidalArea.squareMetres(H3Cells.polygon(cell));
    // H3 measures on a sphere, we on the ellipsoid: they agree to a fraction of a percent
    assertThat(ours)
        .isCloseTo(h3.cellArea(id, AreaUnit.m2), within(h3.cellArea(id, AreaUnit.m2) * 0.005));
    assertThat(H3Cells.polygon(cell).isValid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "not-a-cell", "892a100d2c3fff", "ffffffffffffffff", "8f2a100d2c3ffff1"})
  void malformedIdsAreRejected(String id) {
    assertThatThrownBy(() -> H3Cells.parse(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("H3");
  }
}
