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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Area of each neighborhood covered by each layer (a coverage tier such as "5G at 7/1 Mbps"),
 * counting overlapping coverage once: the clipped pieces of a neighborhood and layer are unioned
 * (OverlayNG, cascaded) before their area is measured on the WGS84 ellipsoid. Unioning per
 * neighborhood rather than globally is exact (the union of clipped pieces is the clip of the union)
 * and lets neighborhoods be computed in parallel.
 *
 * <p>Partitions merge exactly with {@link #merge}: pieces are kept until {@link #squareMetres()},
 * so two accumulators fed disjoint parts of the input give the same answer as one fed all of it.
 *
 * <p>Not thread-safe while being fed; {@link #squareMetres()} computes in parallel internally.
 */
public final class CoveredArea {
  /** Pieces of one neighborhood and layer, or "whole" once some piece covered it entirely. */
  private static final class Cell {
    final List<Geometry> pieces = new ArrayList<>();
    boolean whole;

    void add(Geometry piece, boolean isWhole) {
      if (whole) {
        return;
      }
      if (isWhole) {
        whole = true;
        pieces.clear();
      } else {
        pieces.add(piece);
      }
    }
  }

  private final Map<NeighborhoodId, Neighborhood> neighborhoods = new HashMap<>();
  private final Map<NeighborhoodId, Map<String, Cell>> cells = new HashMap<>();

  /** Adds one clipped piece to {@code layer}. */
  public void add(String layer, NeighborhoodClipper.Piece piece) {
    Neighborhood n = piece.neighborhood();
    neighborhoods.putIfAbsent(n.id(), n);
    cells
        .computeIfAbsent(n.id(), k -> new HashMap<>())
        .computeIfAbsent(layer, k -> new Cell())
        .add(piece.geometry(), piece.whole());
  }

  /** Adds every piece of {@code other}, as if this accumulator had been fed its input too. */
  public void merge(CoveredArea other) {
    other.cells.forEach(
        (id, layers) ->
            layers.forEach(
                (layer, cell) -> {
                  Neighborhood n = other.neighborhoods.get(id);
                  if (cell.whole) {
                    add(layer, new NeighborhoodClipper.Piece(n, n.geometry(), true));
                  }
                  cell.pieces.forEach(p -> add(layer, new NeighborhoodClipper.Piece(n, p, false)));
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
                      (layer, cell) -> {
                        double area =
                            cell.whole
                                ? total
                                : EllipsoidalArea.squareMetres(
                                    NeighborhoodClipper.polygonal(
                                        OverlayNGRobust.union(cell.pieces)));
                        byLayer.put(layer, Math.min(area, total));
                      });
              out.put(e.getKey(), byLayer);
            });
    return new TreeMap<>(out);
  }
}
