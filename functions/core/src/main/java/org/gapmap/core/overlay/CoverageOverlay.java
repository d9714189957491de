package org.gapmap.core.overlay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.locationtech.jts.geom.Geometry;

/**
 * The common case of the overlay engine: coverage geometries, each in one or more layers, clipped
 * to a region's neighborhoods and unioned per neighborhood and layer. Geometries are clipped in
 * batches, in parallel; the union and area measurement run in parallel per neighborhood. Counts the
 * geometries that meet no neighborhood.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class CoverageOverlay {
  private static final int BATCH = 2048;

  private record Item(Collection<String> layers, Geometry geometry, long weight) {}

  private final NeighborhoodClipper clipper;
  private final CoveredArea covered = new CoveredArea();
  private final List<Item> batch = new ArrayList<>(BATCH);
  private long outside;
  private long added;

  public CoverageOverlay(List<Neighborhood> neighborhoods) {
    this.clipper = new NeighborhoodClipper(neighborhoods);
  }

  /** Covered area in m² by neighborhood and layer for {@code layers}-tagged geometries. */
  public static Map<NeighborhoodId, Map<String, Double>> squareMetres(
      List<Neighborhood> neighborhoods, Map<Geometry, Set<String>> coverage) {
    CoverageOverlay overlay = new CoverageOverlay(neighborhoods);
    coverage.forEach((g, layers) -> overlay.add(layers, g));
    return overlay.squareMetres();
  }

  /** Adds a valid polygonal WGS84 geometry to each of {@code layers} (may be none). */
  public void add(Collection<String> layers, Geometry geometry) {
    add(layers, geometry, 1);
  }

  /**
   * Adds a geometry that stands for {@code weight} input records (rows naming the same H3 cell):
   * {@link #outside()} counts records, not geometries.
   */
  public void add(Collection<String> layers, Geometry geometry, long weight) {
    batch.add(new Item(List.copyOf(layers), geometry, weight));
    added++;
    if (batch.size() >= BATCH) {
      flush();
    }
  }

  private void flush() {
    List<List<NeighborhoodClipper.Piece>> clipped =
        batch.parallelStream().map(i -> clipper.clip(i.geometry())).toList();
    for (int i = 0; i < batch.size(); i++) {
      List<NeighborhoodClipper.Piece> pieces = clipped.get(i);
      if (pieces.isEmpty()) {
        outside += batch.get(i).weight();
      }
      for (String layer : batch.get(i).layers()) {
        pieces.forEach(p -> covered.add(layer, p));
      }
    }
    batch.clear();
  }

  /** How many geometries (or the records they stand for) met no neighborhood. */
  public long outside() {
    flush();
    return outside;
  }

  public long added() {
    return added;
  }

  /** The clipped pieces so far, for merging with another partition. */
  public CoveredArea covered() {
    flush();
    return covered;
  }

  /** Covered area in m² by neighborhood and layer (see {@link CoveredArea#squareMetres()}). */
  public Map<NeighborhoodId, Map<String, Double>> squareMetres() {
    flush();
    return covered.squareMetres();
  }
}
