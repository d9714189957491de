package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.model.Neighborhood;
import org.locationtech.jts.algorithm.LineIntersector;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.algorithm.locate.SimplePointInAreaLocator;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineSegment;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.index.chain.MonotoneChain;
import org.locationtech.jts.index.chain.MonotoneChainBuilder;
import org.locationtech.jts.index.chain.MonotoneChainOverlapAction;
import org.locationtech.jts.index.chain.MonotoneChainSelectAction;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Tells how polygonal geometries meet a region's neighborhoods, and clips them: an STR-tree over
 * the neighborhoods' envelopes finds the candidates; per neighborhood, an index of the monotone
 * chains of its boundary tells whether the geometry's edges touch it, and a point locator settles
 * the rest (inside, outside, or around the neighborhood); JTS OverlayNG intersects only when asked
 * ({@link Piece#clipped()}, or at once for geometries much larger than the neighborhood).
 * Geometries are WGS84 longitude/latitude; nothing here measures areas.
 *
 * <p>Immutable after construction and safe for concurrent {@link #clip} calls (the indexes and
 * locators are built eagerly and only read afterwards).
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
   * A neighborhood with what answers questions about it: a point locator, and an index of the
   * monotone chains of its rings (its boundary).
   */
  private record Entry(
      Neighborhood neighborhood, IndexedPointInAreaLocator locator, STRtree boundary) {
    static Entry of(Neighborhood n) {
      Geometry g = n.geometry();
      STRtree boundary = new STRtree();
      chains(g).forEach(c -> boundary.insert(c.getEnvelope(), c));
      boundary.build();
      IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(g);
      locator.locate(g.getEnvelopeInternal().centre()); // builds its index now, before sharing
      return new Entry(n, locator, boundary);
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

    /** Whether a segment of the neighborhood's boundary meets one of {@code edges} (exactly). */
    boolean boundaryTouches(List<MonotoneChain> edges) {
      LineIntersector li = new RobustLineIntersector();
      LineSegment p = new LineSegment();
      LineSegment q = new LineSegment();
      boolean[] touches = {false};
      MonotoneChainOverlapAction test =
          new MonotoneChainOverlapAction() {
            @Override
            public void overlap(MonotoneChain a, int i, MonotoneChain b, int j) {
              if (!touches[0]) {
                a.getLineSegment(i, p);
                b.getLineSegment(j, q);
                li.computeIntersection(p.p0, p.p1, q.p0, q.p1);
                touches[0] = li.hasIntersection();
              }
            }
          };
      for (MonotoneChain edge : edges) {
        boundary.query(
            edge.getEnvelope(),
            item -> {
              if (!touches[0]) {
                edge.computeOverlaps((MonotoneChain) item, test);
              }
            });
        if (touches[0]) {
          return true;
        }
      }
      return false;
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
   * How the polygonal {@code geometry} meets each neighborhood it may share area with (cheap: no
   * overlay). Where no edge of the geometry touches a neighborhood's boundary (most often: no
   * boundary segment even enters the geometry's envelope), the geometry lies wholly inside the
   * neighborhood, wholly outside, or around it, and locating one vertex of each in the other
   * decides which. A geometry touching the boundary only from outside comes back as {@link
   * Relation#CROSSING}; its clipped part is empty.
   */
  public List<Piece> clip(Geometry geometry) {
    Envelope env = geometry.getEnvelopeInternal();
    List<Entry> candidates = new ArrayList<>();
    tree.query(env, item -> candidates.add((Entry) item));
    List<Piece> pieces = new ArrayList<>(candidates.size());
    if (candidates.isEmpty() || geometry.isEmpty()) {
      return pieces;
    }
    List<MonotoneChain> edges = null;
    for (Entry e : candidates) {
      Neighborhood n = e.neighborhood();
      boolean contact = false;
      if (e.boundaryMeets(env)) {
        if (edges == null) {
          edges = chains(geometry);
        }
        contact = e.boundaryTouches(edges);
      }
      if (!contact) {
        // wholly inside the neighborhood, or each part of it wholly inside or outside the geometry
        if (e.locator().locate(geometry.getCoordinate()) == Location.INTERIOR) {
          pieces.add(new Piece(n, geometry, Relation.INSIDE));
          continue;
        }
        int around = partsInside(n.geometry(), geometry, env);
        if (around == 0) {
          continue;
        }
        if (around == n.geometry().getNumGeometries()) {
          pieces.add(new Piece(n, n.geometry(), Relation.WHOLE));
          continue;
        }
        // some parts of the neighborhood lie inside the geometry: clip it as if it crossed
      } else if (env.covers(n.geometry().getEnvelopeInternal()) && geometry.covers(n.geometry())) {
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
   * How many parts of {@code n} lie inside {@code g}, given that no edge of one touches the other:
   * a part lies wholly inside or wholly outside, as one of its vertices does.
   */
  private static int partsInside(Geometry n, Geometry g, Envelope env) {
    int inside = 0;
    for (int i = 0; i < n.getNumGeometries(); i++) {
      Geometry part = n.getGeometryN(i);
      if (!part.isEmpty()
          && env.covers(part.getEnvelopeInternal())
          && SimplePointInAreaLocator.locate(part.getCoordinate(), g) == Location.INTERIOR) {
        inside++;
      }
    }
    return inside;
  }

  /** The monotone chains of every ring of a polygonal geometry. */
  private static List<MonotoneChain> chains(Geometry g) {
    List<MonotoneChain> chains = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i) instanceof Polygon polygon) {
        for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
          LinearRing ring = r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r);
          @SuppressWarnings("unchecked")
          List<MonotoneChain> mine = MonotoneChainBuilder.getChains(ring.getCoordinates());
          chains.addAll(mine);
        }
      }
    }
    return chains;
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
    return clip(a, b, isNoded(a) && isNoded(b));
  }

  /**
   * {@link #clip(Geometry, Geometry)} for operands that are each noded (a union from {@link
   * PolygonUnion}, a polygon without holes): the noding can then intersect only edges of one with
   * edges of the other.
   */
  static Geometry clip(Geometry a, Geometry b, boolean bothNoded) {
    Geometry result;
    try {
      LocalNoder noder = bothNoded ? LocalNoder.clipping(a, b) : LocalNoder.all();
      result = OverlayNG.overlay(a, b, OverlayNG.INTERSECTION, FLOATING, noder);
    } catch (RuntimeException e) {
      // LocalNoder.NodingFailure, or a topology error from an unlucky floating-point noding
      result = OverlayNGRobust.overlay(a, b, OverlayNG.INTERSECTION);
    }
    return polygonal(result);
  }

  /** Whether {@code g} is noded in itself for certain: a valid polygon without holes. */
  static boolean isNoded(Geometry g) {
    return g instanceof Polygon p && p.getNumInteriorRing() == 0;
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
