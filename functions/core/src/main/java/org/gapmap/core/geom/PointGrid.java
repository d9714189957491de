package org.gapmap.core.geom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Point location for millions of points: a uniform grid over the region, built by subdividing cells
 * like a quadtree. A cell that lies wholly inside one neighborhood and touches no other answers
 * without any geometry test; a cell on a border keeps the few neighborhoods that reach it and tests
 * the point against each with an {@link IndexedPointInAreaLocator}. Gives the same answer as {@link
 * NeighborhoodIndex#locate}: a point on or inside a polygon is in it, and a point on a border
 * shared by two neighborhoods belongs to the one with the smaller id.
 *
 * <p>Immutable after construction; {@link #locate} is safe for concurrent use once built.
 */
public final class PointGrid {
  private static final int OUTSIDE = -1;
  private static final int EXACT_FROM = 16;

  private final List<NeighborhoodId> ids;
  private final IndexedPointInAreaLocator[] locators;
  private final double minX;
  private final double minY;
  private final double maxX;
  private final double maxY;
  private final double cellWidth;
  private final double cellHeight;
  private final int side;

  /** Per cell: a neighborhood index, {@link #OUTSIDE}, or {@code -2 - k} for candidate list k. */
  private final int[] cells;

  private final List<int[]> candidateLists = new ArrayList<>();

  /**
   * @param neighborhoods the region's neighborhoods
   * @param levels the grid has {@code 2^levels} cells a side (8 to 11 suit a city or a state)
   */
  public PointGrid(List<Neighborhood> neighborhoods, int levels) {
    if (levels < 1 || levels > 12) {
      throw new IllegalArgumentException("levels must be 1..12: " + levels);
    }
    List<Neighborhood> sorted =
        neighborhoods.stream().sorted(Comparator.comparing(Neighborhood::id)).toList();
    this.ids = sorted.stream().map(Neighborhood::id).toList();
    this.locators = new IndexedPointInAreaLocator[sorted.size()];
    PreparedGeometry[] prepared = new PreparedGeometry[sorted.size()];
    Envelope extent = new Envelope();
    for (int i = 0; i < sorted.size(); i++) {
      Geometry g = sorted.get(i).geometry();
      locators[i] = new IndexedPointInAreaLocator(g);
      prepared[i] = PreparedGeometryFactory.prepare(g);
      extent.expandToInclude(g.getEnvelopeInternal());
    }
    this.side = 1 << levels;
    this.minX = extent.getMinX();
    this.minY = extent.getMinY();
    this.maxX = extent.getMaxX();
    this.maxY = extent.getMaxY();
    this.cellWidth = Math.max(extent.getWidth(), 1e-9) / side;
    this.cellHeight = Math.max(extent.getHeight(), 1e-9) / side;
    this.cells = new int[side * side];
    Arrays.fill(cells, OUTSIDE);
    int[] all = new int[sorted.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    build(prepared, all, 0, 0, side, new GeometryFactory());
  }

  /** A grid of 2^9 cells a side (the fastest build plus 1 M lookups for NYC, measured). */
  public PointGrid(List<Neighborhood> neighborhoods) {
    this(neighborhoods, 9);
  }

  private void build(
      PreparedGeometry[] prepared, int[] candidates, int x0, int y0, int size, GeometryFactory f) {
    Polygon cell = rectangle(f, x0, y0, size);
    Envelope env = cell.getEnvelopeInternal();
    // large cells rarely lie inside one neighborhood: filter them by envelope only, and leave the
    // exact (and costlier) polygon-rectangle tests to cells of at most EXACT_FROM cells a side
    boolean exact = size <= EXACT_FROM;
    int[] reaching =
        Arrays.stream(candidates)
            .filter(
                i ->
                    prepared[i].getGeometry().getEnvelopeInternal().intersects(env)
                        && (!exact || prepared[i].intersects(cell)))
            .toArray();
    if (reaching.length == 0) {
      return; // cells stay OUTSIDE
    }
    if (!exact) {
      int half = size / 2;
      build(prepared, reaching, x0, y0, half, f);
      build(prepared, reaching, x0 + half, y0, half, f);
      build(prepared, reaching, x0, y0 + half, half, f);
      build(prepared, reaching, x0 + half, y0 + half, half, f);
      return;
    }
    if (reaching.length == 1 && prepared[reaching[0]].covers(cell)) {
      fill(x0, y0, size, reaching[0]);
      return;
    }
    if (size == 1) {
      candidateLists.add(reaching);
      cells[y0 * side + x0] = -2 - (candidateLists.size() - 1);
      return;
    }
    int half = size / 2;
    build(prepared, reaching, x0, y0, half, f);
    build(prepared, reaching, x0 + half, y0, half, f);
    build(prepared, reaching, x0, y0 + half, half, f);
    build(prepared, reaching, x0 + half, y0 + half, half, f);
  }

  private Polygon rectangle(GeometryFactory f, int x0, int y0, int size) {
    double ax = minX + x0 * cellWidth;
    double ay = minY + y0 * cellHeight;
    double bx = minX + (x0 + size) * cellWidth;
    double by = minY + (y0 + size) * cellHeight;
    return f.createPolygon(
        new Coordinate[] {
          new Coordinate(ax, ay),
          new Coordinate(bx, ay),
          new Coordinate(bx, by),
          new Coordinate(ax, by),
          new Coordinate(ax, ay)
        });
  }

  private void fill(int x0, int y0, int size, int value) {
    for (int y = y0; y < y0 + size; y++) {
      Arrays.fill(cells, y * side + x0, y * side + x0 + size, value);
    }
  }

  /**
   * The index (into {@link #ids()}) of the neighborhood covering (longitude, latitude), or -1 when
   * no neighborhood covers it.
   */
  public int locate(double lon, double lat) {
    if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) {
      return OUTSIDE;
    }
    int x = Math.min((int) ((lon - minX) / cellWidth), side - 1);
    int y = Math.min((int) ((lat - minY) / cellHeight), side - 1);
    // the same arithmetic as the cell rectangles the grid was built from
    double ax = minX + x * cellWidth;
    double ay = minY + y * cellHeight;
    double bx = minX + (x + 1) * cellWidth;
    double by = minY + (y + 1) * cellHeight;
    if (!(lon > ax && lon < bx && lat > ay && lat < by)) {
      return onCellEdge(lon, lat, x, y);
    }
    int v = cells[y * side + x];
    if (v >= OUTSIDE) {
      return v;
    }
    Coordinate c = new Coordinate(lon, lat);
    for (int i : candidateLists.get(-2 - v)) {
      if (locators[i].locate(c) != Location.EXTERIOR) {
        return i; // candidates are in id order, so the first hit has the smallest id
      }
    }
    return OUTSIDE;
  }

  /**
   * A point on (or within rounding of) a cell's edge: test it against every neighborhood that
   * reaches this cell or one around it, and take the smallest id that covers it.
   */
  private int onCellEdge(double lon, double lat, int x, int y) {
    Coordinate c = new Coordinate(lon, lat);
    int best = Integer.MAX_VALUE;
    for (int ny = Math.max(0, y - 1); ny <= Math.min(side - 1, y + 1); ny++) {
      for (int nx = Math.max(0, x - 1); nx <= Math.min(side - 1, x + 1); nx++) {
        int v = cells[ny * side + nx];
        if (v == OUTSIDE) {
          continue;
        }
        int[] list = v >= 0 ? new int[] {v} : candidateLists.get(-2 - v);
        for (int i : list) {
          if (i < best && locators[i].locate(c) != Location.EXTERIOR) {
            best = i;
          }
        }
      }
    }
    return best == Integer.MAX_VALUE ? OUTSIDE : best;
  }

  /** Neighborhood ids in index order (sorted). */
  public List<NeighborhoodId> ids() {
    return ids;
  }
}
