package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.union.CascadedPolygonUnion;
import org.locationtech.jts.operation.union.UnionStrategy;

/**
 * The union of many valid polygonal geometries, such as the coverage polygons of one layer that
 * meet one neighborhood. Cascaded like JTS's own unary union ({@link CascadedPolygonUnion}: an
 * STR-tree pairs nearby geometries, then pairs of pairs, so overlapping coverage shrinks early),
 * with a cheaper step for each pair:
 *
 * <ol>
 *   <li>components of either operand whose envelope misses the envelopes of the other operand's
 *       components cannot overlap it and pass through untouched;
 *   <li>the rest is overlaid with OverlayNG, noding only the edges of one operand against those of
 *       the other, where their envelopes overlap ({@link LocalNoder#between}) — the operands are
 *       each noded already, so JTS's noding of every edge against every other, and its second pass
 *       to validate that, mostly repeat work;
 *   <li>holes of either operand apart from the other (and holding no island of their own operand)
 *       are filled for the overlay and put back into their polygon afterwards: they cannot change,
 *       and they would cost the overlay their edges and point-in-polygon tests;
 *   <li>if that noding fails its check, the pair is overlaid again with {@link OverlayNGRobust}
 *       (full noding, then snapping, then snap-rounding), exactly as before.
 * </ol>
 *
 * <p>Inputs that may not be noded in themselves (polygons with holes, which may touch their shell
 * between its vertices, and multipolygons) are first noded alone by a robust overlay; every overlay
 * result is noded.
 *
 * <p>Stateless and thread-safe.
 */
final class PolygonUnion {
  private static final PrecisionModel FLOATING = new PrecisionModel();
  private static final int MAX_PARTS_FOR_HOLES = 256;

  private static final UnionStrategy PAIRWISE =
      new UnionStrategy() {
        @Override
        public Geometry union(Geometry a, Geometry b) {
          return PolygonUnion.union(a, b);
        }

        @Override
        public boolean isFloatingPrecision() {
          return true;
        }
      };

  private PolygonUnion() {}

  /**
   * The union of valid polygonal geometries, as a Polygon or MultiPolygon (empty when {@code
   * polygons} is).
   */
  static Geometry union(Collection<? extends Geometry> polygons, GeometryFactory factory) {
    List<Geometry> noded = new ArrayList<>(polygons.size());
    for (Geometry g : polygons) {
      if (g instanceof Polygon p && p.getNumInteriorRing() == 0) {
        if (!p.isEmpty()) {
          noded.add(p);
        }
        continue;
      }
      Geometry self = OverlayNGRobust.overlay(g, factory.createPolygon(), OverlayNG.UNION);
      for (int i = 0; i < self.getNumGeometries(); i++) {
        if (self.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
          noded.add(p);
        }
      }
    }
    if (noded.isEmpty()) {
      return factory.createMultiPolygon();
    }
    return NeighborhoodClipper.polygonal(new CascadedPolygonUnion(noded, PAIRWISE).union());
  }

  /** The union of two noded polygonal geometries; the result is noded. */
  static Geometry union(Geometry a, Geometry b) {
    List<Geometry> apart = new ArrayList<>();
    Geometry nearA = near(a, b, apart);
    Geometry nearB = near(b, a, apart);
    Geometry merged;
    if (nearA == null || nearB == null) {
      merged = nearA != null ? nearA : nearB;
    } else {
      merged = overlayUnion(nearA, nearB);
    }
    if (apart.isEmpty()) {
      return merged;
    }
    if (merged != null) {
      for (int i = 0; i < merged.getNumGeometries(); i++) {
        apart.add(merged.getGeometryN(i));
      }
    }
    return a.getFactory().buildGeometry(apart);
  }

  /**
   * The components of {@code g} whose envelope meets the envelope of a component of {@code other}
   * ({@code g} itself when all do; null when none does); the others, which cannot meet {@code
   * other}, are added to {@code apart}.
   */
  private static Geometry near(Geometry g, Geometry other, List<Geometry> apart) {
    Envelope otherEnvelope = other.getEnvelopeInternal();
    int n = g.getNumGeometries();
    List<Geometry> near = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Geometry part = g.getGeometryN(i);
      if (meets(part.getEnvelopeInternal(), other, otherEnvelope)) {
        near.add(part);
      } else {
        apart.add(part);
      }
    }
    if (near.size() == n) {
      return g;
    }
    return near.isEmpty() ? null : g.getFactory().buildGeometry(near);
  }

  private static boolean meets(Envelope part, Geometry other, Envelope otherEnvelope) {
    if (!part.intersects(otherEnvelope)) {
      return false;
    }
    int n = other.getNumGeometries();
    if (n == 1) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      if (part.intersects(other.getGeometryN(i).getEnvelopeInternal())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The union of two noded polygonal geometries that may overlap. Holes of either that lie apart
   * from the other operand (their envelope misses every component envelope of it) cannot change:
   * they are filled for the overlay and put back into the polygon that contains them afterwards,
   * which spares the overlay their edges and the point-in-polygon tests for them.
   */
  private static Geometry overlayUnion(Geometry a, Geometry b) {
    List<LinearRing> holes = new ArrayList<>();
    Geometry filledA = withoutHolesApartFrom(a, b, holes);
    Geometry filledB = withoutHolesApartFrom(b, a, holes);
    try {
      Geometry merged =
          OverlayNG.overlay(
              filledA, filledB, OverlayNG.UNION, FLOATING, LocalNoder.between(filledA, filledB));
      Geometry whole = holes.isEmpty() ? merged : withHoles(merged, holes);
      if (whole != null) {
        return whole;
      }
    } catch (RuntimeException e) {
      // LocalNoder.NodingFailure, or a topology error from an unlucky floating-point noding
    }
    return OverlayNGRobust.overlay(a, b, OverlayNG.UNION);
  }

  /**
   * {@code g} with the holes apart from {@code other} filled (g itself if there are none); the
   * holes filled are added to {@code holes}. A hole that may hold another component of {@code g}
   * (an island) stays: filling it would make the components overlap.
   */
  private static Geometry withoutHolesApartFrom(
      Geometry g, Geometry other, List<LinearRing> holes) {
    if (g.getNumGeometries() > MAX_PARTS_FOR_HOLES) {
      return g; // the island check below compares every hole with every component
    }
    Envelope otherEnvelope = other.getEnvelopeInternal();
    Polygon[] polygons = null;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      List<LinearRing> kept = null;
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        LinearRing hole = p.getInteriorRingN(h);
        Envelope env = hole.getEnvelopeInternal();
        boolean apart = !meets(env, other, otherEnvelope) && !holdsAnotherPart(g, i, env);
        if (apart && kept == null) {
          kept = new ArrayList<>();
          for (int k = 0; k < h; k++) {
            kept.add(p.getInteriorRingN(k));
          }
        }
        if (apart) {
          holes.add(hole);
        } else if (kept != null) {
          kept.add(hole);
        }
      }
      if (kept != null) {
        if (polygons == null) {
          polygons = new Polygon[g.getNumGeometries()];
          for (int k = 0; k < i; k++) {
            polygons[k] = (Polygon) g.getGeometryN(k);
          }
        }
        polygons[i] =
            g.getFactory().createPolygon(p.getExteriorRing(), kept.toArray(LinearRing[]::new));
      } else if (polygons != null) {
        polygons[i] = p;
      }
    }
    return polygons == null ? g : g.getFactory().createMultiPolygon(polygons);
  }

  /**
   * Whether a component of {@code g} other than the {@code part}-th may lie in a hole whose
   * envelope is {@code env} (its envelope lies within it).
   */
  private static boolean holdsAnotherPart(Geometry g, int part, Envelope env) {
    for (int k = 0; k < g.getNumGeometries(); k++) {
      if (k != part && env.covers(g.getGeometryN(k).getEnvelopeInternal())) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code merged} with each hole put back into the polygon whose interior holds it, or null if one
   * cannot be placed (the caller then overlays the operands with their holes).
   */
  private static Geometry withHoles(Geometry merged, List<LinearRing> holes) {
    int n = merged.getNumGeometries();
    List<List<LinearRing>> added = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      added.add(null);
    }
    for (LinearRing hole : holes) {
      int home = home(merged, hole);
      if (home < 0) {
        return null;
      }
      if (added.get(home) == null) {
        added.set(home, new ArrayList<>());
      }
      added.get(home).add(hole);
    }
    Polygon[] polygons = new Polygon[n];
    for (int i = 0; i < n; i++) {
      Polygon p = (Polygon) merged.getGeometryN(i);
      if (added.get(i) == null) {
        polygons[i] = p;
        continue;
      }
      List<LinearRing> rings = added.get(i);
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        rings.add(p.getInteriorRingN(h));
      }
      polygons[i] =
          merged.getFactory().createPolygon(p.getExteriorRing(), rings.toArray(LinearRing[]::new));
    }
    return merged.getFactory().createMultiPolygon(polygons);
  }

  /**
   * The index of the polygon of {@code merged} whose interior holds {@code hole} (whose region the
   * overlay covered): the only one whose envelope covers it, or the one whose shell, and none of
   * whose holes, has a vertex of the hole inside; -1 if none.
   */
  private static int home(Geometry merged, LinearRing hole) {
    Envelope env = hole.getEnvelopeInternal();
    int found = -1;
    int candidates = 0;
    for (int i = 0; i < merged.getNumGeometries(); i++) {
      if (merged.getGeometryN(i).getEnvelopeInternal().covers(env)) {
        candidates++;
        found = i;
      }
    }
    if (candidates <= 1) {
      return found;
    }
    for (int i = 0; i < merged.getNumGeometries(); i++) {
      Polygon p = (Polygon) merged.getGeometryN(i);
      if (p.getEnvelopeInternal().covers(env) && holds(p, hole)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code hole} lies in the interior of {@code p}, judged by its first vertex that is on
   * no ring of {@code p}.
   */
  private static boolean holds(Polygon p, LinearRing hole) {
    vertices:
    for (int k = 0; k < hole.getNumPoints() - 1; k++) {
      Coordinate c = hole.getCoordinateN(k);
      int location = PointLocation.locateInRing(c, p.getExteriorRing().getCoordinates());
      if (location == Location.BOUNDARY) {
        continue;
      }
      if (location == Location.EXTERIOR) {
        return false;
      }
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        LinearRing ring = p.getInteriorRingN(h);
        if (ring.getEnvelopeInternal().covers(c)) {
          int inHole = PointLocation.locateInRing(c, ring.getCoordinates());
          if (inHole == Location.BOUNDARY) {
            continue vertices;
          }
          if (inHole == Location.INTERIOR) {
            return false;
          }
        }
      }
      return true;
    }
    return false;
  }
}
