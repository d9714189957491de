package org.gapmap.core.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.wkt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.gapmap.core.geom.EllipsoidalArea;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.util.GeometricShapeFactory;

class PolygonUnionTest {
  private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);
  private static final PrecisionModel FLOATING = new PrecisionModel();

  /**
   * Two operands that are each noded, where a computed intersection point lands exactly on a vertex
   * shared by two rings of the second operand: noding them against each other alone leaves that
   * vertex un-noded, which the local check must catch (found by a randomized comparison with JTS's
   * own union).
   */
  private static final Geometry NOTCHED =
      wkt(
          "MULTIPOLYGON (((-73.997 40.702000000000005, -73.997 40.70400000000001,"
              + " -73.995 40.70400000000001, -73.995 40.702000000000005,"
              + " -73.99549999999999 40.702000000000005, -73.996 40.703,"
              + " -73.9965 40.702000000000005, -73.997 40.702000000000005)),"
              + " ((-73.9965 40.702000000000005, -73.996 40.70250000000001,"
              + " -73.99549999999999 40.702000000000005, -73.9965 40.702000000000005)))");

  private static final Geometry NOTCHED_ABOVE =
      wkt(
          "MULTIPOLYGON (((-73.996 40.704, -73.996 40.706, -73.994 40.706, -73.994 40.704,"
              + " -73.99449999999999 40.704, -73.99499999999999 40.705, -73.99549999999999 40.704,"
              + " -73.996 40.704)), ((-73.99549999999999 40.704, -73.99499999999999 40.7045,"
              + " -73.99449999999999 40.704, -73.99549999999999 40.704)))");

  @Test
  void agreesWithJtsOnOverlappingTouchingAndRepeatedPolygons() {
    Random random = new Random(7);
    for (int round = 0; round < 40; round++) {
      List<Geometry> polygons = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        polygons.add(mixed(random, i % 5));
      }

      Geometry ours = PolygonUnion.union(polygons, FACTORY);
      Geometry jts = OverlayNGRobust.union(polygons);

      double expected = EllipsoidalArea.squareMetres(jts);
      assertThat(EllipsoidalArea.squareMetres(ours))
          .as("round %d", round)
          .isCloseTo(expected, within(expected * 1e-9));
      double apart = OverlayNGRobust.overlay(ours, jts, OverlayNG.SYMDIFFERENCE).getArea();
      assertThat(apart).as("round %d", round).isLessThan(jts.getArea() * 1e-9);
    }
  }

  @Test
  void unionOfTwoCrossingSquaresIsNodedAgainstEachOtherOnly() {
    Geometry a = box(0, 0, 2, 2);
    Geometry b = box(1, 1, 3, 3);

    Geometry union = OverlayNG.overlay(a, b, OverlayNG.UNION, FLOATING, LocalNoder.between(a, b));

    assertThat(union.getArea()).isCloseTo(7.0, within(1e-12));
    assertThat(union.getNumPoints()).isEqualTo(9); // 8 corners, the ring closed
  }

  @Test
  void operandsOutOfOrderOrNodingThatFailsItsCheckAreRefused() {
    Geometry a = box(0, 0, 2, 2);
    Geometry b = wkt("POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1), (1.5 1.5, 2.5 1.5, 2.5 2.5, 1.5 1.5))");

    assertThatThrownBy(
            () -> OverlayNG.overlay(a, b, OverlayNG.UNION, FLOATING, LocalNoder.between(b, a)))
        .isInstanceOf(LocalNoder.NodingFailure.class);
    assertThatThrownBy(
            () ->
                OverlayNG.overlay(
                    NOTCHED,
                    NOTCHED_ABOVE,
                    OverlayNG.UNION,
                    FLOATING,
                    LocalNoder.between(NOTCHED, NOTCHED_ABOVE)))
        .isInstanceOf(LocalNoder.NodingFailure.class)
        .hasMessageContaining("noding left an intersection");
  }

  @Test
  void aRefusedNodingFallsBackToJtsRobustOverlay() {
    Geometry ours = PolygonUnion.union(NOTCHED, NOTCHED_ABOVE);

    Geometry jts = OverlayNGRobust.overlay(NOTCHED, NOTCHED_ABOVE, OverlayNG.UNION);
    assertThat(ours.getArea()).isCloseTo(jts.getArea(), within(jts.getArea() * 1e-12));
    assertThat(OverlayNGRobust.overlay(ours, jts, OverlayNG.SYMDIFFERENCE).getArea()).isZero();
  }

  @Test
  void partsFarFromTheOtherOperandPassThroughUntouched() {
    Polygon near = (Polygon) box(0, 0, 2, 2);
    Polygon far = (Polygon) box(10, 10, 11, 11);
    Geometry a = FACTORY.createMultiPolygon(new Polygon[] {near, far});
    Geometry b = box(1, 1, 3, 3);

    Geometry union = PolygonUnion.union(a, b);

    assertThat(union.getNumGeometries()).isEqualTo(2);
    assertThat((Object) union.getGeometryN(0)).isSameAs(far);
    assertThat(union.getArea()).isCloseTo(8.0, within(1e-12));
    assertThat(PolygonUnion.union(List.of(), FACTORY).isEmpty()).isTrue();
  }

  @Test
  void holesApartFromTheOtherOperandSurviveAndHolesAroundIslandsStayHoles() {
    // a square with a hole around an island that has a hole of its own; B overlaps a far corner
    Geometry a =
        wkt(
            "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 8, 8 8, 8 2, 2 2)),"
                + " ((4 4, 6 4, 6 6, 4 6, 4 4), (4.5 4.5, 4.5 5.5, 5.5 5.5, 5.5 4.5, 4.5 4.5)))");
    Geometry b = box(9, 9, 12, 12);

    Geometry union = PolygonUnion.union(a, b);

    assertThat(union.getArea()).isCloseTo(64 + 3 + 8, within(1e-9));
    assertThat(
            OverlayNGRobust.overlay(
                    union, OverlayNGRobust.overlay(a, b, OverlayNG.UNION), OverlayNG.SYMDIFFERENCE)
                .getArea())
        .isZero();
    assertThat(union.getNumGeometries()).isEqualTo(2);
    assertThat(
            ((Polygon) union.getGeometryN(0)).getNumInteriorRing()
                + ((Polygon) union.getGeometryN(1)).getNumInteriorRing())
        .isEqualTo(2);
  }

  /**
   * Ellipses; squares of a grid sharing edges and corners, some repeated; hexagons sharing edges
   * (like H3 cells); squares with a hole touching the shell between its vertices; pairs of
   * triangles touching at a corner.
   */
  private static Geometry mixed(Random random, int kind) {
    double x0 = -74.0;
    double y0 = 40.7;
    double c = 0.001;
    switch (kind) {
      case 0 -> {
        GeometricShapeFactory shapes = new GeometricShapeFactory(FACTORY);
        shapes.setCentre(
            new Coordinate(x0 + random.nextDouble() * 0.01, y0 + random.nextDouble() * 0.01));
        shapes.setWidth(0.0005 + random.nextDouble() * 0.003);
        shapes.setHeight(0.0005 + random.nextDouble() * 0.003);
        shapes.setRotation(random.nextDouble() * Math.PI);
        shapes.setNumPoints(5 + random.nextInt(30));
        return shapes.createEllipse();
      }
      case 1 -> {
        int x = random.nextInt(8);
        int y = random.nextInt(8);
        return box(x0 + x * c, y0 + y * c, x0 + (x + 1) * c, y0 + (y + 1) * c);
      }
      case 2 -> {
        int x = random.nextInt(6);
        int y = random.nextInt(6);
        double cx = x0 + x * 1.5 * c;
        double cy = y0 + (y + (x % 2) * 0.5) * Math.sqrt(3) * c;
        Coordinate[] ring = new Coordinate[7];
        for (int i = 0; i < 6; i++) {
          ring[i] =
              new Coordinate(
                  cx + c * Math.cos(i * Math.PI / 3), cy + c * Math.sin(i * Math.PI / 3));
        }
        ring[6] = ring[0];
        return FACTORY.createPolygon(ring);
      }
      case 3 -> {
        double x = x0 + random.nextInt(5) * c;
        double y = y0 + random.nextInt(5) * c;
        double s = 2 * c;
        double hy = random.nextBoolean() ? y : y + s / 4; // on the shell's edge, or inside
        return wkt(
            String.format(
                Locale.ROOT,
                "POLYGON ((%1$s %2$s, %3$s %2$s, %3$s %4$s, %1$s %4$s, %1$s %2$s),"
                    + " (%5$s %6$s, %7$s %8$s, %9$s %10$s, %5$s %6$s))",
                x,
                y,
                x + s,
                y + s,
                x + s / 4,
                hy,
                x + 3 * s / 4,
                hy + s / 8,
                x + s / 2,
                hy + s / 2));
      }
      default -> {
        double x = x0 + random.nextInt(6) * 0.7 * c;
        double y = y0 + random.nextInt(6) * 0.7 * c;
        Polygon left =
            FACTORY.createPolygon(
                new Coordinate[] {
                  new Coordinate(x, y),
                  new Coordinate(x + c, y),
                  new Coordinate(x + c / 2, y + c),
                  new Coordinate(x, y)
                });
        Polygon right =
            FACTORY.createPolygon(
                new Coordinate[] {
                  new Coordinate(x + c, y),
                  new Coordinate(x + 2 * c, y + c / 3),
                  new Coordinate(x + 1.5 * c, y - c),
                  new Coordinate(x + c, y)
                });
        return FACTORY.createMultiPolygon(new Polygon[] {left, right});
      }
    }
  }
}
