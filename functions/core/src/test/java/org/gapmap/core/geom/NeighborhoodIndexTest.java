package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.wkt;

import java.util.List;
import org.gapmap.core.model.NeighborhoodId;
import org.junit.jupiter.api.Test;

class NeighborhoodIndexTest {
  /**
   * West (id Z1) and east (id A2) squares sharing the border lon 1; the west one has a hole with an
   * island (M3).
   */
  private final NeighborhoodIndex index =
      new NeighborhoodIndex(
          List.of(
              neighborhood(
                  "Z1",
                  wkt(
                      "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0),"
                          + " (0.2 0.2, 0.2 0.4, 0.4 0.4, 0.4 0.2, 0.2 0.2),"
                          + " (0.6 0.6, 0.6 0.8, 0.8 0.8, 0.8 0.6, 0.6 0.6))")),
              neighborhood("A2", wkt("POLYGON ((1 0, 2 0, 2 1, 1 1, 1 0))")),
              neighborhood("M3", wkt("POLYGON ((0.6 0.6, 0.8 0.6, 0.8 0.8, 0.6 0.8, 0.6 0.6))"))));

  @Test
  void pointInsideIsLocated() {
    assertThat(index.locate(0.5, 0.5)).contains(NeighborhoodId.of("Z1"));
    assertThat(index.locate(1.5, 0.5)).contains(NeighborhoodId.of("A2"));
    assertThat(index.locate(0.7, 0.7)).contains(NeighborhoodId.of("M3"));
  }

  @Test
  void pointOutsideEveryNeighborhoodIsEmpty() {
    assertThat(index.locate(2.5, 0.5)).isEmpty();
    assertThat(index.locate(-0.1, 0.5)).isEmpty();
    assertThat(index.locate(1.5, 1.0001)).isEmpty();
  }

  @Test
  void pointInAHoleIsOutside() {
    assertThat(index.locate(0.3, 0.3)).isEmpty();
  }

  @Test
  void pointOnASharedBorderGoesToTheSmallerId() {
    assertThat(index.locate(1.0, 0.5)).contains(NeighborhoodId.of("A2"));
    assertThat(index.locate(1.0, 1.0)).contains(NeighborhoodId.of("A2"));
    // the island's border is also the hole's border of Z1
    assertThat(index.locate(0.6, 0.7)).contains(NeighborhoodId.of("M3"));
  }

  @Test
  void pointOnAnOuterBorderIsCovered() {
    assertThat(index.locate(0.0, 0.5)).contains(NeighborhoodId.of("Z1"));
  }

  @Test
  void sizeIsTheNumberOfNeighborhoods() {
    assertThat(index.size()).isEqualTo(3);
  }
}
