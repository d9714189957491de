package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.algorithm.LineIntersector;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.chain.MonotoneChain;
import org.locationtech.jts.index.chain.MonotoneChainBuilder;
import org.locationtech.jts.index.chain.MonotoneChainOverlapAction;
import org.locationtech.jts.index.hprtree.HPRtree;
import org.locationtech.jts.noding.IntersectionAdder;
import org.locationtech.jts.noding.NodedSegmentString;
import org.locationtech.jts.noding.Noder;
import org.locationtech.jts.noding.SegmentIntersector;
import org.locationtech.jts.noding.SegmentNode;
import org.locationtech.jts.noding.SegmentString;

/**
 * A JTS {@link Noder} for the OverlayNG union of two polygonal operands that are each noded
 * already: valid polygons without holes, or results of an earlier overlay, whose rings meet only at
 * vertices they share. JTS's floating-point noder intersects every edge with every other edge, the
 * operands' own included, and then validates the result with a second pass over all edges; in a
 * cascaded union those two passes over edges that cannot have changed are most of the work. This
 * noder intersects only edges of one operand with edges of the other, and only the monotone chains
 * inside the intersection of the operands' envelopes (no other edge can meet the other operand).
 * The validation is local as well: noding changes only the segments it splits at a computed
 * intersection point, so only those new segments are checked, against every segment near them, by
 * the rule of JTS's validating noder (segments meet only at shared endpoints that are nodes).
 *
 * <p>OverlayNG hands the noder the rings of the first operand, then those of the second, in
 * geometry order; that order is checked ring by ring. Any surprise, or an invalid noding, throws
 * {@link NodingFailure}, and the caller repeats the overlay with JTS's robust overlay (full noding,
 * then snapping, then snap-rounding), so the result is never worse than JTS's own.
 *
 * <p>Not thread-safe: one instance per overlay.
 */
final class MutualNoder implements Noder {
  /** The noding could not be done or checked this way; overlay with full noding instead. */
  static final class NodingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NodingFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final Geometry first;
  private final Geometry second;
  private final Envelope overlap;
  private List<NodedSegmentString> input = List.of();
  private List<NodedSegmentString> noded = List.of();

  /** A noder for the union of {@code first} and {@code second}, in that order. */
  MutualNoder(Geometry first, Geometry second) {
    this.first = first;
    this.second = second;
    this.overlap = first.getEnvelopeInternal().intersection(second.getEnvelopeInternal());
  }

  @Override
  public void computeNodes(@SuppressWarnings("rawtypes") Collection segStrings) {
    input = new ArrayList<>(segStrings.size());
    for (Object s : segStrings) {
      if (!(s instanceof NodedSegmentString nss)) {
        throw new NodingFailure("unexpected segment string " + s.getClass().getName());
      }
      input.add(nss);
    }
    int firstCount = matchRings(first, 0);
    if (matchRings(second, firstCount) != input.size()) {
      throw new NodingFailure("more edges than rings");
    }
    HPRtree firstChains = new HPRtree();
    List<MonotoneChain> secondChains = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      NodedSegmentString s = input.get(i);
      for (MonotoneChain chain : chains(s)) {
        if (chain.getEnvelope().intersects(overlap)) {
          if (i < firstCount) {
            firstChains.insert(chain.getEnvelope(), chain);
          } else {
            secondChains.add(chain);
          }
        }
      }
    }
    IntersectionAdder adder = new IntersectionAdder(new RobustLineIntersector());
    overlapping(firstChains, secondChains, adder);
    noded = new ArrayList<>();
    NodedSegmentString.getNodedSubstrings(input, noded);
    validate();
  }

  @Override
  public Collection<NodedSegmentString> getNodedSubstrings() {
    return noded;
  }

  /**
   * Checks that the segment strings from {@code from} on are the non-empty rings of {@code g}, in
   * order, as OverlayNG adds them; returns the index after the last.
   */
  private int matchRings(Geometry g, int from) {
    int next = from;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (!(g.getGeometryN(i) instanceof Polygon polygon)) {
        throw new NodingFailure("not polygonal: " + g.getGeometryType());
      }
      for (int r = -1; r < polygon.getNumInteriorRing(); r++) {
        LinearRing ring = r < 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r);
        if (ring.isEmpty()) {
          continue;
        }
        if (next >= input.size()) {
          throw new NodingFailure("fewer edges than rings");
        }
        SegmentString s = input.get(next++);
        if (s.size() > ring.getNumPoints()
            || !s.getCoordinate(0).equals2D(ring.getCoordinateN(0))) {
          throw new NodingFailure("edges not in ring order");
        }
      }
    }
    return next;
  }

  /**
   * Checks every segment that ends at a point the noding computed (the only segments noding
   * creates) against every segment near it, as JTS's validating noder checks all of them.
   */
  private void validate() {
    Set<Coordinate> computed = new HashSet<>();
    for (NodedSegmentString s : input) {
      for (Iterator<?> it = s.getNodeList().iterator(); it.hasNext(); ) {
        SegmentNode node = (SegmentNode) it.next();
        if (node.isInterior()) {
          computed.add(node.getCoordinate());
        }
      }
    }
    if (computed.isEmpty()) {
      return;
    }
    HPRtree created = new HPRtree();
    Envelope near = new Envelope();
    for (NodedSegmentString s : noded) {
      int last = s.size() - 2;
      boolean startsThere = computed.contains(s.getCoordinate(0));
      boolean endsThere = computed.contains(s.getCoordinate(last + 1));
      if (startsThere || (endsThere && last == 0)) {
        addSegment(created, s, 0, near);
      }
      if (endsThere && last > 0) {
        addSegment(created, s, last, near);
      }
    }
    List<MonotoneChain> candidates = new ArrayList<>();
    for (NodedSegmentString s : noded) {
      for (MonotoneChain chain : chains(s)) {
        if (chain.getEnvelope().intersects(near)) {
          candidates.add(chain);
        }
      }
    }
    SplitCheck check = new SplitCheck(computed);
    overlapping(created, candidates, check);
    if (check.isDone()) {
      throw new NodingFailure("noding left an intersection at " + check.failure);
    }
  }

  /**
   * Finds a pair of noded segments that meet anywhere but at a shared vertex, that overlap, or that
   * share a computed point which is not a node of both: OverlayNG needs edges that meet only at
   * nodes. A vertex where two rings of one operand touch is not noded by design (so a single point
   * of contact there is not reported): the rings touched there before and still only touch.
   */
  private static final class SplitCheck implements SegmentIntersector {
    private final Set<Coordinate> computed;
    private final LineIntersector li = new RobustLineIntersector();
    private Coordinate failure;

    SplitCheck(Set<Coordinate> computed) {
      this.computed = computed;
    }

    @Override
    public void processIntersections(SegmentString a, int i, SegmentString b, int j) {
      if (a == b && Math.abs(i - j) <= 1) {
        return; // the same segment, or neighbours along one edge
      }
      li.computeIntersection(
          a.getCoordinate(i), a.getCoordinate(i + 1), b.getCoordinate(j), b.getCoordinate(j + 1));
      if (!li.hasIntersection()) {
        return;
      }
      if (li.isInteriorIntersection()) {
        failure = li.getIntersection(0);
        return;
      }
      // vertices shared: fine where both edges end, or where the operands' rings touched before
      boolean touch = li.getIntersectionNum() == 1;
      for (int k = 0; k < li.getIntersectionNum(); k++) {
        Coordinate p = li.getIntersection(k);
        if (!(isEndpoint(a, i, p) && isEndpoint(b, j, p)) && (!touch || computed.contains(p))) {
          failure = p;
          return;
        }
      }
    }

    /** Whether {@code p} is the first or last point of {@code s} and on its segment {@code i}. */
    private static boolean isEndpoint(SegmentString s, int i, Coordinate p) {
      return (i == 0 && p.equals2D(s.getCoordinate(0)))
          || (i == s.size() - 2 && p.equals2D(s.getCoordinate(s.size() - 1)));
    }

    @Override
    public boolean isDone() {
      return failure != null;
    }
  }

  private static void addSegment(HPRtree index, NodedSegmentString s, int i, Envelope near) {
    MonotoneChain segment = new MonotoneChain(s.getCoordinates(), i, i + 1, s);
    near.expandToInclude(segment.getEnvelope());
    index.insert(segment.getEnvelope(), segment);
  }

  /** Feeds every pair of overlapping segments, one from each set, to {@code intersector}. */
  private static void overlapping(
      HPRtree indexed, List<MonotoneChain> queries, SegmentIntersector intersector) {
    MonotoneChainOverlapAction action =
        new MonotoneChainOverlapAction() {
          @Override
          public void overlap(MonotoneChain a, int startA, MonotoneChain b, int startB) {
            intersector.processIntersections(
                (SegmentString) a.getContext(), startA, (SegmentString) b.getContext(), startB);
          }
        };
    for (MonotoneChain query : queries) {
      indexed.query(
          query.getEnvelope(), item -> query.computeOverlaps((MonotoneChain) item, action));
      if (intersector.isDone()) {
        return;
      }
    }
  }

  private static List<MonotoneChain> chains(SegmentString s) {
    @SuppressWarnings("unchecked")
    List<MonotoneChain> chains = MonotoneChainBuilder.getChains(s.getCoordinates(), s);
    return chains;
  }
}
