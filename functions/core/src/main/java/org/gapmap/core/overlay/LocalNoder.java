package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.locationtech.jts.algorithm.LineIntersector;
import org.locationtech.jts.algorithm.Orientation;
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
 * A floating-point JTS {@link Noder} for OverlayNG whose check is local. JTS's own (in {@link
 * org.locationtech.jts.operation.overlayng.OverlayNGRobust}'s first attempt) nodes every edge
 * against every other edge and then validates the result with a second full pass; in a cascaded
 * union or a clip of a large union the second pass alone costs about as much as the noding. Noding
 * changes only the segments it splits at a computed intersection point, so only those new segments
 * can make the noding invalid: this noder checks just them, against every segment near them, by the
 * rule of JTS's validating noder (segments meet only at shared endpoints that are nodes).
 *
 * <p>Two kinds:
 *
 * <ul>
 *   <li>{@link #all()} nodes all edges against each other, as JTS does (any overlay);
 *   <li>{@link #between} is for the union of two operands that are each noded already — valid
 *       polygons without holes, or results of an earlier overlay, whose rings meet only at vertices
 *       they share — and intersects only edges of one operand with edges of the other, only in
 *       monotone chains inside the intersection of the operands' envelopes (no other edge can meet
 *       the other operand). OverlayNG hands over the rings of the first operand, then those of the
 *       second, in geometry order; that order is checked ring by ring. Vertices where two rings of
 *       one operand touch are not noded, so a union may return a polygon whose shell touches itself
 *       at such a vertex (an "inverted" hole: the same point set and area, which JTS's {@code
 *       IsValidOp} rejects but OverlayNG's full noding takes).
 * </ul>
 *
 * <p>Any surprise, or an invalid noding, throws {@link NodingFailure}; the caller repeats the
 * overlay with {@code OverlayNGRobust} (full noding, then snapping, then snap-rounding), so the
 * result is never worse than JTS's own.
 *
 * <p>Not thread-safe: one instance per overlay.
 */
final class LocalNoder implements Noder {
  /** The noding could not be done or checked this way; overlay with JTS's robust noding instead. */
  static final class NodingFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NodingFailure(String message) {
      super(message, null, false, false);
    }
  }

  private final Geometry first;
  private final Geometry second;
  private final boolean ringsWhole;
  private List<NodedSegmentString> input = List.of();
  private List<MonotoneChain> chains = List.of();
  private int[] firstChainOf = new int[0];
  private List<NodedSegmentString> noded = List.of();

  /** The chains the noding searched (where the operands' envelopes overlap), and the others. */
  private final Chains zone = new Chains();

  private final List<MonotoneChain> outside = new ArrayList<>();

  private LocalNoder(Geometry first, Geometry second, boolean ringsWhole) {
    this.first = first;
    this.second = second;
    this.ringsWhole = ringsWhole;
  }

  /** A noder of all edges against each other, for any overlay. */
  static LocalNoder all() {
    return new LocalNoder(null, null, false);
  }

  /** A noder for the union of noded {@code first} and {@code second}, in that order. */
  static LocalNoder between(Geometry first, Geometry second) {
    return new LocalNoder(first, second, true);
  }

  /**
   * A noder for the intersection of noded {@code first} and {@code second}, in that order.
   * OverlayNG clips the rings of an intersection's operands to the area the result can occupy, so
   * the edges cannot be matched to rings; each tells its operand in its label instead ("A:…" or
   * "B:…", as OverlayNG writes it), and the first operand's must all come first.
   */
  static LocalNoder clipping(Geometry first, Geometry second) {
    return new LocalNoder(first, second, false);
  }

  @Override
  public void computeNodes(@SuppressWarnings("rawtypes") Collection segStrings) {
    input = new ArrayList<>(segStrings.size());
    chains = new ArrayList<>();
    firstChainOf = new int[segStrings.size() + 1];
    for (Object s : segStrings) {
      if (!(s instanceof NodedSegmentString nss)) {
        throw new NodingFailure("unexpected segment string " + s.getClass().getName());
      }
      firstChainOf[input.size()] = chains.size();
      input.add(nss);
      @SuppressWarnings("unchecked")
      List<MonotoneChain> mine = MonotoneChainBuilder.getChains(nss.getCoordinates(), nss);
      chains.addAll(mine);
    }
    firstChainOf[input.size()] = chains.size();
    for (int i = 0; i < chains.size(); i++) {
      chains.get(i).setId(i);
    }
    IntersectionAdder adder = new IntersectionAdder(new RobustLineIntersector());
    if (first == null) {
      nodeAll(adder);
    } else {
      nodeBetween(adder);
    }
    noded = new ArrayList<>();
    NodedSegmentString.getNodedSubstrings(input, noded);
    validate(first != null);
  }

  @Override
  public Collection<NodedSegmentString> getNodedSubstrings() {
    return noded;
  }

  /** Every pair of overlapping monotone chains once, as JTS's {@code MCIndexNoder} does. */
  private void nodeAll(IntersectionAdder adder) {
    chains.forEach(zone::add);
    MonotoneChainOverlapAction action = intersectionsTo(adder);
    for (MonotoneChain query : chains) {
      zone.forEachNear(
          query.getEnvelope(),
          test -> {
            if (test.getId() > query.getId()) {
              query.computeOverlaps(test, action);
            }
          });
    }
  }

  /**
   * Chains of the second operand against chains of the first, both only where the operands'
   * envelopes overlap.
   */
  private void nodeBetween(IntersectionAdder adder) {
    int firstCount = ringsWhole ? matchRings() : matchLabels();
    int secondFrom = firstChainOf[firstCount]; // the first operand's chains come first
    Envelope overlap = first.getEnvelopeInternal().intersection(second.getEnvelopeInternal());
    Chains firstNear = new Chains();
    List<MonotoneChain> secondNear = new ArrayList<>();
    for (MonotoneChain chain : chains) {
      if (chain.getEnvelope().intersects(overlap)) {
        zone.add(chain);
        if (chain.getId() < secondFrom) {
          firstNear.add(chain);
        } else {
          secondNear.add(chain);
        }
      } else {
        outside.add(chain);
      }
    }
    MonotoneChainOverlapAction action = intersectionsTo(adder);
    for (MonotoneChain query : secondNear) {
      firstNear.forEachNear(query.getEnvelope(), test -> query.computeOverlaps(test, action));
    }
  }

  /**
   * Monotone chains searched by envelope: one by one while they are few (most unions in a cascade
   * are of small polygons), through an HPR-tree built on first use beyond that.
   */
  private static final class Chains {
    private static final int FEW = 32;
    private final List<MonotoneChain> list = new ArrayList<>();
    private HPRtree tree;

    void add(MonotoneChain chain) {
      list.add(chain);
    }

    void forEachNear(Envelope env, Consumer<MonotoneChain> visit) {
      if (list.size() <= FEW) {
        for (MonotoneChain chain : list) {
          if (chain.getEnvelope().intersects(env)) {
            visit.accept(chain);
          }
        }
        return;
      }
      if (tree == null) {
        tree = new HPRtree();
        list.forEach(c -> tree.insert(c.getEnvelope(), c));
        tree.build();
      }
      tree.query(env, item -> visit.accept((MonotoneChain) item));
    }
  }

  /**
   * Checks that the segment strings are the non-empty rings of the first operand, then those of the
   * second, in order, as OverlayNG adds them for a union; returns how many are the first's.
   */
  private int matchRings() {
    int firstCount = matchRings(first, 0);
    if (matchRings(second, firstCount) != input.size()) {
      throw new NodingFailure("more edges than rings");
    }
    return firstCount;
  }

  /**
   * Checks that every segment string is labelled with its operand, the first operand's first;
   * returns how many are the first's.
   */
  private int matchLabels() {
    int firstCount = 0;
    for (int i = 0; i < input.size(); i++) {
      String label = String.valueOf(input.get(i).getData());
      if (label.startsWith("A:") && firstCount == i) {
        firstCount++;
      } else if (!label.startsWith("B:")) {
        throw new NodingFailure("edge labelled " + label);
      }
    }
    return firstCount;
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

  /** Where one edge was split: which segments, and which of its vertices are nodes. */
  private record Marks(BitSet split, BitSet nodeVertices) {}

  /**
   * A segment the noding created: part of segment {@code segment} of {@code edge} between two of
   * its nodes or vertices; {@code aNode} and {@code bNode} tell whether its ends are nodes.
   */
  private record Piece(
      int order,
      SegmentString edge,
      int segment,
      Coordinate a,
      boolean aNode,
      Coordinate b,
      boolean bNode) {}

  /**
   * Checks the segments the noding created (parts of split segments, ending at a computed point)
   * against every segment near them: against each other, and against the segments that were not
   * split. Segments that were not split cannot conflict with each other: the noding intersected
   * every pair that could meet, and split both at any point they share.
   */
  private void validate(boolean touchesAllowed) {
    Set<Coordinate> computed = new HashSet<>();
    Map<SegmentString, Marks> marks = new IdentityHashMap<>();
    for (NodedSegmentString s : input) {
      Marks m = null;
      for (Iterator<?> it = s.getNodeList().iterator(); it.hasNext(); ) {
        SegmentNode node = (SegmentNode) it.next();
        if (m == null) {
          m = new Marks(new BitSet(), new BitSet());
        }
        if (node.isInterior()) {
          computed.add(node.getCoordinate());
          m.split().set(node.segmentIndex);
        } else {
          m.nodeVertices().set(node.segmentIndex);
        }
      }
      if (m != null) {
        marks.put(s, m);
      }
    }
    if (computed.isEmpty()) {
      return;
    }
    List<Piece> pieces = pieces(marks);
    Chains pieceChains = new Chains();
    MonotoneChain[] chainOf = new MonotoneChain[pieces.size()];
    Envelope near = new Envelope();
    for (Piece p : pieces) {
      MonotoneChain chain = new MonotoneChain(new Coordinate[] {p.a(), p.b()}, 0, 1, p);
      chainOf[p.order()] = chain;
      pieceChains.add(chain);
      near.expandToInclude(chain.getEnvelope());
    }
    SplitCheck check = new SplitCheck(computed, marks, touchesAllowed);
    MonotoneChainOverlapAction action =
        new MonotoneChainOverlapAction() {
          @Override
          public void overlap(MonotoneChain original, int i, MonotoneChain piece, int unused) {
            check.original((SegmentString) original.getContext(), i, (Piece) piece.getContext());
          }
        };
    // the pieces of one split segment are consecutive and lie in its envelope: search once for all
    int from = 0;
    while (from < pieces.size()) {
      Piece first = pieces.get(from);
      int to = from + 1;
      while (to < pieces.size()
          && pieces.get(to).edge() == first.edge()
          && pieces.get(to).segment() == first.segment()) {
        to++;
      }
      Envelope segment =
          new Envelope(
              first.edge().getCoordinate(first.segment()),
              first.edge().getCoordinate(first.segment() + 1));
      int lo = from;
      int hi = to;
      zone.forEachNear(
          segment,
          c -> {
            for (int k = lo; k < hi; k++) {
              c.computeOverlaps(chainOf[k], action);
            }
          });
      pieceChains.forEachNear(
          segment,
          q -> {
            for (int k = lo; k < hi; k++) {
              check.pieces(pieces.get(k), (Piece) q.getContext());
            }
          });
      from = to;
    }
    for (MonotoneChain chain : outside) {
      if (chain.getEnvelope().intersects(near)) {
        pieceChains.forEachNear(chain.getEnvelope(), pc -> chain.computeOverlaps(pc, action));
      }
    }
    if (check.failure != null) {
      throw new NodingFailure("noding left an intersection at " + check.failure);
    }
  }

  /** The parts of every split segment, from the (sorted) node lists. */
  private List<Piece> pieces(Map<SegmentString, Marks> marks) {
    List<Piece> pieces = new ArrayList<>();
    for (NodedSegmentString s : input) {
      Marks m = marks.get(s);
      if (m == null || m.split().isEmpty()) {
        continue;
      }
      int segment = -1;
      Coordinate from = null;
      boolean fromNode = false;
      for (Iterator<?> it = s.getNodeList().iterator(); it.hasNext(); ) {
        SegmentNode node = (SegmentNode) it.next();
        if (!node.isInterior()) {
          continue;
        }
        int k = node.segmentIndex;
        if (k != segment) {
          if (segment >= 0) {
            pieces.add(end(pieces.size(), s, segment, from, fromNode, m));
          }
          segment = k;
          from = s.getCoordinate(k);
          fromNode = isNodeVertex(s, k, m);
        }
        pieces.add(new Piece(pieces.size(), s, k, from, fromNode, node.getCoordinate(), true));
        from = node.getCoordinate();
        fromNode = true;
      }
      if (segment >= 0) {
        pieces.add(end(pieces.size(), s, segment, from, fromNode, m));
      }
    }
    return pieces;
  }

  private static Piece end(
      int order, SegmentString s, int k, Coordinate from, boolean fromNode, Marks m) {
    return new Piece(
        order, s, k, from, fromNode, s.getCoordinate(k + 1), isNodeVertex(s, k + 1, m));
  }

  private static boolean isNodeVertex(SegmentString s, int vertex, Marks m) {
    return vertex == 0 || vertex == s.size() - 1 || (m != null && m.nodeVertices().get(vertex));
  }

  /**
   * The rule of JTS's validating noder for the pairs that involve a created segment: two segments
   * meet only at shared endpoints that are nodes of both (neighbours along one edge meet at their
   * shared vertex). With {@code touchesAllowed} (noding between two operands), a single point of
   * contact at a vertex that was there before is accepted: vertices where two rings of one operand
   * touch are not noded by design, and still only touch.
   */
  private static final class SplitCheck {
    private final Set<Coordinate> computed;
    private final Map<SegmentString, Marks> marks;
    private final boolean touchesAllowed;
    private final LineIntersector li = new RobustLineIntersector();
    private Coordinate failure;

    SplitCheck(Set<Coordinate> computed, Map<SegmentString, Marks> marks, boolean touchesAllowed) {
      this.computed = computed;
      this.marks = marks;
      this.touchesAllowed = touchesAllowed;
    }

    /** Segment {@code i} of {@code edge}, as the noding left it, against a created segment. */
    void original(SegmentString edge, int i, Piece piece) {
      Marks m = marks.get(edge);
      if (failure != null || (m != null && m.split().get(i))) {
        return; // split: its parts are pieces, checked among themselves
      }
      if (edge == piece.edge() && neighbours(edge, i, piece.segment())) {
        return;
      }
      check(
          edge.getCoordinate(i),
          isNodeVertex(edge, i, m),
          edge.getCoordinate(i + 1),
          isNodeVertex(edge, i + 1, m),
          piece);
    }

    void pieces(Piece p, Piece q) {
      if (failure != null || p.order() >= q.order()) {
        return; // each pair once
      }
      if (p.edge() == q.edge()
          && p.segment() != q.segment()
          && neighbours(p.edge(), p.segment(), q.segment())) {
        return;
      }
      check(p.a(), p.aNode(), p.b(), p.bNode(), q);
    }

    private static boolean neighbours(SegmentString edge, int i, int j) {
      int d = Math.abs(i - j);
      return d <= 1 || (edge.isClosed() && d == edge.size() - 2);
    }

    private void check(Coordinate a, boolean aNode, Coordinate b, boolean bNode, Piece q) {
      // most pairs share one end (the pieces around a computed point): they meet nowhere else
      // unless they are collinear
      Coordinate shared = null;
      Coordinate otherA = null;
      Coordinate otherB = null;
      if (a.equals2D(q.a()) || a.equals2D(q.b())) {
        shared = a;
        otherA = b;
        otherB = a.equals2D(q.a()) ? q.b() : q.a();
      } else if (b.equals2D(q.a()) || b.equals2D(q.b())) {
        shared = b;
        otherA = a;
        otherB = b.equals2D(q.a()) ? q.b() : q.a();
      }
      if (shared != null && Orientation.index(shared, otherA, otherB) != Orientation.COLLINEAR) {
        boolean nodes =
            (shared == a ? aNode : bNode) && (shared.equals2D(q.a()) ? q.aNode() : q.bNode());
        if (!nodes && !(touchesAllowed && !computed.contains(shared))) {
          failure = shared;
        }
        return;
      }
      li.computeIntersection(a, b, q.a(), q.b());
      if (!li.hasIntersection()) {
        return;
      }
      if (li.isInteriorIntersection()) {
        failure = li.getIntersection(0);
        return;
      }
      boolean touch = touchesAllowed && li.getIntersectionNum() == 1;
      for (int k = 0; k < li.getIntersectionNum(); k++) {
        Coordinate p = li.getIntersection(k);
        boolean nodes =
            (p.equals2D(a) ? aNode : bNode) && (p.equals2D(q.a()) ? q.aNode() : q.bNode());
        if (!nodes && !(touch && !computed.contains(p))) {
          failure = p;
          return;
        }
      }
    }
  }

  private static MonotoneChainOverlapAction intersectionsTo(SegmentIntersector intersector) {
    return new MonotoneChainOverlapAction() {
      @Override
      public void overlap(MonotoneChain a, int startA, MonotoneChain b, int startB) {
        intersector.processIntersections(
            (SegmentString) a.getContext(), startA, (SegmentString) b.getContext(), startB);
      }
    };
  }
}
