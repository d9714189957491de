package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.overlay.NeighborhoodClipper.Relation;
import org.locationtech.jts.geom.Geometry;

/**
 * Area of each neighborhood covered by each layer (a coverage tier such as "5G at 7/1 Mbps"),
 * counting overlapping coverage once: the pieces of a neighborhood and layer are unioned
 * (OverlayNG, cascaded), the union is clipped to the neighborhood once (only when some piece
 * crosses its boundary), and its area is measured on the WGS84 ellipsoid. Unioning per neighborhood
 * rather than globally is exact (the clip of the union is the union of the clips) and lets
 * neighborhoods be computed in parallel; clipping the union once instead of each piece saves one
 * overlay with the (often detailed) neighborhood polygon per crossing piece.
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

    void add(NeighborhoodClipper.Piece piece) {
      if (whole) {
        return;
      }
      switch (piece.relation()) {
        case WHOLE -> {
          whole = true;
          pieces.clear();
        }
        case CROSSING -> {
          crossing = true;
          pieces.add(piece.geometry());
        }
        case INSIDE -> pieces.add(piece.geometry());
      }
    }

    double squareMetres(Neighborhood n) {
      if (whole) {
        return n.areaKm2() * 1e6;
      }
      Geometry union = PolygonUnion.union(pieces, n.geometry().getFactory());
      if (crossing) {
        union = NeighborhoodClipper.clip(union, n.geometry());
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
   */
  public Map<NeighborhoodId, Map<String, Double>> squareMetres() {
    Map<NeighborhoodId, Map<String, Double>> out = new ConcurrentHashMap<>();
    cells.entrySet().parallelStream()
        .forEach(
            e -> {
              Neighborhood n = neighborhoods.get(e.getKey());
              double total = n.areaKm2() * 1e6;
              Map<String, Double> byLayer = new TreeMap<>();
              e.getValue()
                  .forEach(
                      (layer, cell) -> byLayer.put(layer, Math.min(cell.squareMetres(n), total)));
              out.put(e.getKey(), byLayer);
            });
    return new TreeMap<>(out);
  }
}
