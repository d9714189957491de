package org.gapmap.core.geom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A region's neighborhoods indexed for point location: an STR-tree of envelopes over prepared
 * polygons. Built once per region and reused; immutable after construction and safe for concurrent
 * queries (STRtree and prepared polygons are thread-safe once built).
 *
 * <p>A point on a border shared by two neighborhoods belongs to the one with the smaller id, so
 * every point counts exactly once and results do not depend on tree order.
 */
public final class NeighborhoodIndex {
  private record Entry(NeighborhoodId id, PreparedGeometry polygon) {}

  private final STRtree tree = new STRtree();
  private final GeometryFactory factory = new GeometryFactory();
  private final int size;

  public NeighborhoodIndex(List<Neighborhood> neighborhoods) {
    for (Neighborhood n : neighborhoods) {
      tree.insert(
          n.geometry().getEnvelopeInternal(),
          new Entry(n.id(), PreparedGeometryFactory.prepare(n.geometry())));
    }
    tree.build();
    this.size = neighborhoods.size();
  }

  /** The neighborhood covering the point (longitude, latitude), if any. */
  public Optional<NeighborhoodId> locate(double lon, double lat) {
    Point point = factory.createPoint(new Coordinate(lon, lat));
    List<Entry> hits = new ArrayList<>(2);
    tree.query(
        new Envelope(lon, lon, lat, lat),
        item -> {
          Entry e = (Entry) item;
          if (e.polygon().covers(point)) {
            hits.add(e);
          }
        });
    return hits.stream().map(Entry::id).min(Comparator.naturalOrder());
  }

  public int size() {
    return size;
  }
}
