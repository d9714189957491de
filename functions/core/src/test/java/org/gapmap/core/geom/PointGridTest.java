package org.gapmap.core.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gapmap.core.TestInputs.neighborhood;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.triangulate.VoronoiDiagramBuilder;

class PointGridTest {
  /** 60 Voronoi cells over a square in Brooklyn, less a few: neighbours share borders exactly. */
  private static List<Neighborhood> voronoi() {
    Random random = new Random(5);
    GeometryFactory f = new GeometryFactory();
    List<Coordinate> sites = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      sites.add(
          new Coordinate(-74.0 + random.nextDouble() * 0.2, 40.6 + random.nextDouble() * 0.2));
    }
    VoronoiDiagramBuilder builder = new VoronoiDiagramBuilder();
    builder.setSites(sites);
    builder.setClipEnvelope(new Envelope(-74.0, -73.8, 40.6, 40.8));
    Geometry cells = builder.getDiagram(f);
    Geometry clip = f.toGeometry(new Envelope(-74.0, -73.8, 40.6, 40.8));
    List<Neighborhood> out = new ArrayList<>();
    for (int i = 0; i < cells.getNumGeometries(); i++) {
      if (i % 9 == 4) {
        continue; // holes in the region: points there are outside
      }
      out.add(neighborhood(String.format("N%03d", i), cells.getGeometryN(i).intersection(clip)));
    }
    return out;
  }

  @Test
  void locatesLikeTheReferenceIndexIncludingBordersAndVertices() {
    List<Neighborhood> neighborhoods = voronoi();
    NeighborhoodIndex reference = new NeighborhoodIndex(neighborhoods);
    PointGrid grid = new PointGrid(neighborhoods, 6);
    Random random = new Random(9);
    List<Coordinate> probes = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      probes.add(
          new Coordinate(-74.02 + random.nextDouble() * 0.24, 40.58 + random.nextDouble() * 0.24));
    }
    for (Neighborhood n : neighborhoods) {
      // every vertex lies on a border (shared by two or three cells) or the region's edge
      for (Coordinate c : n.geometry().getCoordinates()) {
        probes.add(c);
      }
    }
    int inside = 0;
    for (Coordinate c : probes) {
      int at = grid.locate(c.x, c.y);
      NeighborhoodId expected = reference.locate(c.x, c.y).orElse(null);
      assertThat(at < 0 ? null : grid.ids().get(at)).as("at %s", c).isEqualTo(expected);
      if (at >= 0) {
        inside++;
      }
    }
    assertThat(inside).isGreaterThan(10_000);
  }
}
