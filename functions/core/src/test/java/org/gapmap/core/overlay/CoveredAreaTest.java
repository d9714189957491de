package org.gapmap.core.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.wkt;

import java.util.List;
import java.util.Map;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class CoveredAreaTest {
  private static final Neighborhood A = neighborhood("A", box(-74.00, 40.70, -73.99, 40.71));
  private static final Neighborhood B = neighborhood("B", box(-73.99, 40.70, -73.98, 40.71));
  private static final NeighborhoodId A_ID = A.id();
  private static final NeighborhoodId B_ID = B.id();

  /** Two squares inside A overlapping in a 0.0025 x 0.0025 degree corner. */
  private static final Geometry FIRST = box(-74.000, 40.700, -73.995, 40.705);

  private static final Geometry SECOND = box(-73.9975, 40.7025, -73.9925, 40.7075);

  /** Their union, written out by hand: an L-shaped octagon. */
  private static final Geometry UNION =
      wkt(
          "POLYGON ((-74 40.7, -73.995 40.7, -73.995 40.7025, -73.9925 40.7025, -73.9925 40.7075,"
              + " -73.9975 40.7075, -73.9975 40.705, -74 40.705, -74 40.7))");

  private static Map<NeighborhoodId, Map<String, Double>> areas(Map<Geometry, String> coverage) {
    CoverageOverlay overlay = new CoverageOverlay(List.of(A, B));
    coverage.forEach((g, layer) -> overlay.add(List.of(layer), g));
    return overlay.squareMetres();
  }

  @Test
  void overlappingCoverageIsCountedOnce() {
    Map<NeighborhoodId, Map<String, Double>> areas = areas(Map.of(FIRST, "5g", SECOND, "5g"));

    double expected = EllipsoidalArea.squareMetres(UNION);
    double summed = EllipsoidalArea.squareMetres(FIRST) + EllipsoidalArea.squareMetres(SECOND);
    assertThat(areas.get(A_ID).get("5g")).isCloseTo(expected, within(expected * 1e-9));
    assertThat(summed - expected).isGreaterThan(expected * 0.1);
    assertThat(areas).doesNotContainKey(B_ID);
  }

  @Test
  void coverageAcrossABorderIsSplitBetweenNeighborhoods() {
    Geometry straddling = box(-73.995, 40.700, -73.985, 40.710);

    Map<NeighborhoodId, Map<String, Double>> areas = areas(Map.of(straddling, "4g"));

    double inA = EllipsoidalArea.squareMetres(box(-73.995, 40.700, -73.990, 40.710));
    double inB = EllipsoidalArea.squareMetres(box(-73.990, 40.700, -73.985, 40.710));
    assertThat(areas.get(A_ID).get("4g")).isCloseTo(inA, within(inA * 1e-9));
    assertThat(areas.get(B_ID).get("4g")).isCloseTo(inB, within(inB * 1e-9));
  }

  @Test
  void coverageOfAWholeNeighborhoodCountsItsWholeArea() {
    Map<NeighborhoodId, Map<String, Double>> areas =
        areas(Map.of(box(-74.01, 40.69, -73.985, 40.72), "5g", FIRST, "5g"));

    assertThat(areas.get(A_ID).get("5g")).isEqualTo(A.areaKm2() * 1e6);
    double halfB = EllipsoidalArea.squareMetres(box(-73.99, 40.70, -73.985, 40.71));
    assertThat(areas.get(B_ID).get("5g")).isCloseTo(halfB, within(halfB * 1e-9));
  }

  @Test
  void partitionsMergeExactlyEvenWhenTheirCoverageOverlaps() {
    CoverageOverlay left = new CoverageOverlay(List.of(A, B));
    left.add(List.of("5g"), FIRST);
    CoverageOverlay right = new CoverageOverlay(List.of(A, B));
    right.add(List.of("5g"), SECOND);

    CoveredArea merged = new CoveredArea();
    merged.merge(left.covered());
    merged.merge(right.covered());

    double expected = EllipsoidalArea.squareMetres(UNION);
    assertThat(merged.squareMetres().get(A_ID).get("5g"))
        .isCloseTo(expected, within(expected * 1e-9));
    double naiveSum =
        left.squareMetres().get(A_ID).get("5g") + right.squareMetres().get(A_ID).get("5g");
    assertThat(naiveSum).isGreaterThan(expected * 1.1);
  }

  @Test
  void layersAreKeptApartAndOutsideCoverageIsCounted() {
    CoverageOverlay overlay = new CoverageOverlay(List.of(A, B));
    overlay.add(List.of("5g", "4g"), FIRST);
    overlay.add(List.of("4g"), SECOND);
    overlay.add(List.of("4g"), box(10, 10, 11, 11));

    Map<String, Double> a = overlay.squareMetres().get(A_ID);

    assertThat(a.get("5g")).isCloseTo(EllipsoidalArea.squareMetres(FIRST), within(1e-3));
    assertThat(a.get("4g")).isCloseTo(EllipsoidalArea.squareMetres(UNION), within(1e-3));
    assertThat(overlay.outside()).isEqualTo(1);
  }
}
