package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.overlay.NeighborhoodClipper.Relation;
import org.locationtech.jts.geom.Geometry;

/**
 * Area of each neighborhood covered by each layer (a coverage tier such as "5G at 7/1 Mbps"),
 * counting overlapping coverage once: the pieces of a neighborhood and layer are unioned ({@code
 * PolygonUnion}), the union is clipped to the neighborhood once (only when some piece crosses its
 * boundary), and its area is measured on the WGS84 ellipsoid. Unioning per neighborhood rather than
 * globally is exact (the clip of the union is the union of the clips) and lets neighborhoods be
 * computed in parallel; clipping the union once instead of each piece saves one overlay with the
 * (often detailed) neighborhood polygon per crossing piece.
 *
 * <p>Partitions merge exactly with {@link #merge}: pieces are kept until {@link #squareMetres()},
 * so two accumulators fed disjoint parts of the input give the same answer as one fed all of it.
 *
 * <p>Not thread-safe while being fed; {@link #squareMetres()} computes in parallel internally.
 */
public final class CoveredArea {
  /**
   * Pieces of one neighborhood and layer, or "whole" once some piece covered it entirely; {@code
   * crossing} when some piece reaches beyond the neighborhood, so the union must be clipped.
   */
  private static final class Cell {
    final List<Geometry> pieces = new ArrayList<>();
    boolean whole;
    boolean crossing;
    long vertices;

    void add(NeighborhoodClipper.Piece piece) {
      if (whole) {
        return;
      }
      switch (piece.relation()) {
        case WHOLE -> {
          whole = true;
          pieces.clear();
          vertices = 0;
          return;
        }
        case CROSSING -> crossing = true;
        case INSIDE -> {}
      }
      pieces.add(piece.geometry());
      vertices += piece.geometry().getNumPoints();
    }

    double squareMetres(Neighborhood n) {
      if (whole) {
        return n.areaKm2() * 1e6;
      }
      Geometry union = PolygonUnion.union(pieces, n.geometry().getFactory());
      if (crossing) {
        union =
            NeighborhoodClipper.clip(
                union, n.geometry(), NeighborhoodClipper.isNoded(n.geometry()));
      }
      return EllipsoidalArea.squareMetres(union);
    }
  }

  private final Map<NeighborhoodId, Neighborhood> neighborhoods = new HashMap<>();
  private final Map<NeighborhoodId, Map<String, Cell>> cells = new HashMap<>();

  /** Adds one piece to {@code layer}. */
  public void add(String layer, NeighborhoodClipper.Piece piece) {
    Neighborhood n = piece.neighborhood();
    neighborhoods.putIfAbsent(n.id(), n);
    cells
        .computeIfAbsent(n.id(), k -> new HashMap<>())
        .computeIfAbsent(layer, k -> new Cell())
        .add(piece);
  }

  /** Adds every piece of {@code other}, as if this accumulator had been fed its input too. */
  public void merge(CoveredArea other) {
    other.cells.forEach(
        (id, layers) ->
            layers.forEach(
                (layer, cell) -> {
                  Neighborhood n = other.neighborhoods.get(id);
                  if (cell.whole) {
                    add(layer, new NeighborhoodClipper.Piece(n, n.geometry(), Relation.WHOLE));
                  }
                  Relation relation = cell.crossing ? Relation.CROSSING : Relation.INSIDE;
                  cell.pieces.forEach(
                      p -> add(layer, new NeighborhoodClipper.Piece(n, p, relation)));
                }));
  }

  /**
   * Covered area in square metres by neighborhood and layer; only neighborhoods and layers that
   * received a piece appear. Never more than the neighborhood's own area.
   *
   * <p>The unions run in parallel, the largest (most vertices) first, each worker taking the next
   * one as it finishes: with a handful of cores, a large neighborhood started last would otherwise
   * keep one core busy while the others wait.
   */
  public Map<NeighborhoodId, Map<String, Double>> squareMetres() {
    record Task(Neighborhood neighborhood, String layer, Cell cell) {}
    List<Task> tasks = new ArrayList<>();
    cells.forEach(
        (id, layers) ->
            layers.forEach(
                (layer, cell) -> tasks.add(new Task(neighborhoods.get(id), layer, cell))));
    tasks.sort(Comparator.comparingLong((Task t) -> t.cell().vertices).reversed());
    double[] areas = new double[tasks.size()];
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(tasks.size(), ForkJoinPool.getCommonPoolParallelism() + 1);
    IntStream.range(0, workers)
        .parallel()
        .forEach(
            w -> {
              for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                Task t = tasks.get(i);
                double total = t.neighborhood().areaKm2() * 1e6;
                areas[i] = Math.min(t.cell().squareMetres(t.neighborhood()), total);
              }
            });
    Map<NeighborhoodId, Map<String, Double>> out = new TreeMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      Task t = tasks.get(i);
      out.computeIfAbsent(t.neighborhood().id(), k -> new TreeMap<>()).put(t.layer(), areas[i]);
    }
    return out;
  }
}
