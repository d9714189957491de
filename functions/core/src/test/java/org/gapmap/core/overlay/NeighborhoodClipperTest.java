package org.gapmap.core.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.wkt;

import java.util.List;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.overlay.NeighborhoodClipper.Piece;
import org.gapmap.core.overlay.NeighborhoodClipper.Relation;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class NeighborhoodClipperTest {
  private static final Neighborhood A = neighborhood("A", box(0, 0, 1, 1));
  private static final Neighborhood B = neighborhood("B", box(1, 0, 2, 1));
  private static final NeighborhoodClipper CLIPPER = new NeighborhoodClipper(List.of(A, B));

  @Test
  void smallPolygonsAreTaggedWithoutAnyOverlay() {
    Geometry inside = box(0.2, 0.2, 0.4, 0.4);
    Geometry crossing = box(0.9, 0.2, 1.1, 0.4);

    assertThat(CLIPPER.clip(inside))
        .singleElement()
        .satisfies(p -> assertThat(p.relation()).isEqualTo(Relation.INSIDE))
        .satisfies(p -> assertThat((Object) p.geometry()).isSameAs(inside));
    List<Piece> pieces = CLIPPER.clip(crossing);
    assertThat(pieces).extracting(Piece::relation).containsOnly(Relation.CROSSING);
    double left = EllipsoidalArea.squareMetres(box(0.9, 0.2, 1, 0.4));
    assertThat(
            EllipsoidalArea.squareMetres(
                pieces.get(0).neighborhood() == A
                    ? pieces.get(0).clipped()
                    : pieces.get(1).clipped()))
        .isCloseTo(left, within(left * 1e-9));
  }

  @Test
  void largePolygonsAreClippedAtOnceAndWholeNeighborhoodsRecognised() {
    Geometry large = box(-3, -3, 1.5, 3);

    List<Piece> pieces = CLIPPER.clip(large);

    assertThat(pieces).hasSize(2);
    Piece a = pieces.stream().filter(p -> p.neighborhood() == A).findFirst().orElseThrow();
    Piece b = pieces.stream().filter(p -> p.neighborhood() == B).findFirst().orElseThrow();
    assertThat(a.relation()).isEqualTo(Relation.WHOLE);
    assertThat(b.relation()).isEqualTo(Relation.INSIDE);
    assertThat(b.geometry().equalsTopo(box(1, 0, 1.5, 1))).isTrue();
  }

  @Test
  void aPolygonAroundOnePartOfANeighborhoodIsClippedAndOneAroundAllOfItCoversIt() {
    Neighborhood islands =
        neighborhood(
            "C",
            wkt("MULTIPOLYGON (((3 0, 4 0, 4 1, 3 1, 3 0)), ((5 0, 5.1 0, 5.1 0.1, 5 0.1, 5 0)))"));
    NeighborhoodClipper clipper = new NeighborhoodClipper(List.of(islands));

    Piece aroundTheSmallIsland = clipper.clip(box(4.9, -0.1, 5.2, 0.2)).get(0);
    Piece aroundBoth = clipper.clip(box(2.5, -1, 6, 2)).get(0);
    Piece insideTheLargeOne = clipper.clip(box(3.2, 0.2, 3.4, 0.4)).get(0);

    assertThat(aroundTheSmallIsland.relation()).isEqualTo(Relation.CROSSING);
    double island = EllipsoidalArea.squareMetres(box(5, 0, 5.1, 0.1));
    assertThat(EllipsoidalArea.squareMetres(aroundTheSmallIsland.clipped()))
        .isCloseTo(island, within(island * 1e-9));
    assertThat(aroundBoth.relation()).isEqualTo(Relation.WHOLE);
    assertThat(insideTheLargeOne.relation()).isEqualTo(Relation.INSIDE);
    assertThat(clipper.clip(box(4.5, 0.5, 4.8, 0.8))).isEmpty();
  }

  @Test
  void polygonsTouchingOnlyAlongAnEdgeAddNoAreaAndFarAwayOnesNothing() {
    // touching counts as meeting (predicates stay cheap), but the clipped part has no area
    assertThat(CLIPPER.clip(box(0, 1, 1, 2)))
        .allSatisfy(p -> assertThat(p.clipped().getArea()).isZero());
    assertThat(CLIPPER.clip(box(10, 10, 11, 11))).isEmpty();
  }
}
