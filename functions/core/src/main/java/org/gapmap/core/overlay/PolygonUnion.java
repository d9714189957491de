package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
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

  private static Geometry overlayUnion(Geometry a, Geometry b) {
    try {
      return OverlayNG.overlay(a, b, OverlayNG.UNION, FLOATING, LocalNoder.between(a, b));
    } catch (RuntimeException e) {
      // LocalNoder.NodingFailure, or a topology error from an unlucky floating-point noding
      return OverlayNGRobust.overlay(a, b, OverlayNG.UNION);
    }
  }
}
