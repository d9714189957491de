package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.model.Neighborhood;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.chain.MonotoneChain;
import org.locationtech.jts.index.chain.MonotoneChainBuilder;
import org.locationtech.jts.index.chain.MonotoneChainSelectAction;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Clips polygonal geometries to a region's neighborhoods: an STR-tree over the neighborhoods'
 * envelopes finds the candidates, prepared neighborhood polygons settle the cheap cases (the
 * geometry lies inside one neighborhood, or covers it whole), and JTS OverlayNG intersects the
 * rest. Geometries are WGS84 longitude/latitude; nothing here measures areas.
 *
 * <p>Immutable after construction and safe for concurrent {@link #clip} calls (the tree is built
 * eagerly; prepared geometries are thread-safe).
 */
public final class NeighborhoodClipper {
  /** How a geometry meets one neighborhood. */
  public enum Relation {
    /** The geometry lies inside the neighborhood: the piece is the geometry itself. */
    INSIDE,
    /** The geometry covers the neighborhood: the piece is the neighborhood's geometry. */
    WHOLE,
    /**
     * The geometry crosses the neighborhood's boundary: the piece is the geometry itself, not yet
     * clipped; {@link Piece#clipped()} clips it. (Geometries much larger than the neighborhood are
     * clipped at once and come as {@link #INSIDE} pieces.) Unioning such pieces first and clipping
     * the union once is exact and much cheaper than clipping each.
     */
    CROSSING
  }

  /**
   * A geometry as it meets one neighborhood.
   *
   * @param neighborhood the neighborhood
   * @param geometry the geometry (INSIDE, CROSSING) or the neighborhood's own (WHOLE)
   * @param relation how they meet
   */
  public record Piece(Neighborhood neighborhood, Geometry geometry, Relation relation) {
    /** The part of the geometry inside the neighborhood, polygonal and possibly empty. */
    public Geometry clipped() {
      return relation == Relation.CROSSING ? clip(geometry, neighborhood.geometry()) : geometry;
    }

    public boolean whole() {
      return relation == Relation.WHOLE;
    }
  }

  /**
   * A neighborhood with what answers questions about it: a prepared polygon for the predicates, a
   * point locator, and an index of the monotone chains of its rings (its boundary).
   */
  private record Entry(
      Neighborhood neighborhood,
      PreparedGeometry prepared,
      IndexedPointInAreaLocator locator,
      STRtree boundary) {
    static Entry of(Neighborhood n) {
      Geometry g = n.geometry();
      STRtree boundary = new STRtree();
      for (int i = 0; i < g.getNumGeometries(); i++) {
        if (g.getGeometryN(i) instanceof Polygon polygon) {
          for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
            LinearRing ring = r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r);
            @SuppressWarnings("unchecked")
            List<MonotoneChain> chains = MonotoneChainBuilder.getChains(ring.getCoordinates());
            chains.forEach(c -> boundary.insert(c.getEnvelope(), c));
          }
        }
      }
      boundary.build();
      IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(g);
      locator.locate(g.getEnvelopeInternal().centre()); // builds its index now, before sharing
      return new Entry(n, PreparedGeometryFactory.prepare(g), locator, boundary);
    }

    /** Whether a segment of the neighborhood's boundary meets {@code env} (closed). */
    boolean boundaryMeets(Envelope env) {
      boolean[] meets = {false};
      MonotoneChainSelectAction found =
          new MonotoneChainSelectAction() {
            @Override
            public void select(MonotoneChain chain, int start) {
              meets[0] = true;
            }
          };
      boundary.query(
          env,
          item -> {
            if (!meets[0]) {
              ((MonotoneChain) item).select(env, found);
            }
          });
      return meets[0];
    }
  }

  private static final PrecisionModel FLOATING = new PrecisionModel();

  private final STRtree tree = new STRtree();
  private final List<Neighborhood> neighborhoods;

  public NeighborhoodClipper(List<Neighborhood> neighborhoods) {
    this.neighborhoods = List.copyOf(neighborhoods);
    for (Neighborhood n : this.neighborhoods) {
      tree.insert(n.geometry().getEnvelopeInternal(), Entry.of(n));
    }
    tree.build();
  }

  public List<Neighborhood> neighborhoods() {
    return neighborhoods;
  }

  /**
   * How the polygonal {@code geometry} meets each neighborhood it shares area with (cheap: no
   * overlay). Where no segment of a neighborhood's boundary enters the geometry's envelope, the
   * geometry lies wholly inside or wholly outside it, and locating one vertex decides which; only
   * where the boundary comes near do the prepared-geometry predicates run.
   */
  public List<Piece> clip(Geometry geometry) {
    Envelope env = geometry.getEnvelopeInternal();
    List<Entry> candidates = new ArrayList<>();
    tree.query(env, item -> candidates.add((Entry) item));
    List<Piece> pieces = new ArrayList<>(candidates.size());
    if (candidates.isEmpty() || geometry.isEmpty()) {
      return pieces;
    }
    PreparedGeometry preparedInput = null;
    for (Entry e : candidates) {
      Neighborhood n = e.neighborhood();
      if (!e.boundaryMeets(env)) {
        if (e.locator().locate(geometry.getCoordinate()) == Location.INTERIOR) {
          pieces.add(new Piece(n, geometry, Relation.INSIDE));
        }
        continue;
      }
      if (preparedInput == null && candidates.size() > 1) {
        preparedInput = PreparedGeometryFactory.prepare(geometry);
      }
      if (e.prepared().containsProperly(geometry)) {
        pieces.add(new Piece(n, geometry, Relation.INSIDE));
        continue;
      }
      if (!e.prepared().intersects(geometry)) {
        continue;
      }
      boolean covers =
          preparedInput != null
              ? preparedInput.covers(n.geometry())
              : geometry.getEnvelopeInternal().covers(n.geometry().getEnvelopeInternal())
                  && geometry.covers(n.geometry());
      if (covers) {
        pieces.add(new Piece(n, n.geometry(), Relation.WHOLE));
        continue;
      }
      if (isLargeFor(geometry, n)) {
        // a state-wide coverage polygon: clip it now rather than drag it into every union
        Geometry part = clip(geometry, n.geometry());
        if (!part.isEmpty()) {
          pieces.add(new Piece(n, part, Relation.INSIDE));
        }
      } else {
        pieces.add(new Piece(n, geometry, Relation.CROSSING));
      }
    }
    return pieces;
  }

  /**
   * Whether clipping {@code g} to {@code n} right away is cheaper than unioning it whole: when it
   * reaches far beyond the neighborhood or has many more vertices.
   */
  private static boolean isLargeFor(Geometry g, Neighborhood n) {
    double area = g.getEnvelopeInternal().getArea();
    double nArea = n.geometry().getEnvelopeInternal().getArea();
    return area > 4 * nArea || g.getNumPoints() > 2 * n.geometry().getNumPoints();
  }

  /**
   * The polygonal part of the intersection of {@code a} and {@code b}: OverlayNG with JTS's noding
   * and a local check of it ({@link LocalNoder#all()}), or, should that check fail, JTS's robust
   * overlay.
   */
  static Geometry clip(Geometry a, Geometry b) {
    Geometry result;
    try {
      result = OverlayNG.overlay(a, b, OverlayNG.INTERSECTION, FLOATING, LocalNoder.all());
    } catch (RuntimeException e) {
      // LocalNoder.NodingFailure, or a topology error from an unlucky floating-point noding
      result = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
    }
    return polygonal(result);
  }

  /** The polygonal part of an overlay result (touching edges and points carry no area). */
  static Geometry polygonal(Geometry g) {
    if (g instanceof Polygonal) {
      return g;
    }
    List<Polygon> polygons = new ArrayList<>();
    g.apply(new PolygonExtracter(polygons));
    return g.getFactory().createMultiPolygon(polygons.toArray(Polygon[]::new));
  }
}
