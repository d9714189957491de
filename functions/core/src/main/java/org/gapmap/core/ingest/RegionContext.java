package org.gapmap.core.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.geom.NeighborhoodIndex;
import org.gapmap.core.geom.PointGrid;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;

/**
 * What readers need of a region: its neighborhoods by id and a spatial index over them. Built once
 * per region and reused; immutable and thread-safe.
 */
public final class RegionContext {
  private final RegionId regionId;
  private final Map<NeighborhoodId, Neighborhood> byId = new LinkedHashMap<>();
  private final NeighborhoodIndex index;
  private PointGrid grid;
  private final Map<String, Crosswalk> crosswalks = new LinkedHashMap<>();

  public RegionContext(RegionId regionId, List<Neighborhood> neighborhoods) {
    this.regionId = regionId;
    neighborhoods.forEach(n -> byId.put(n.id(), n));
    this.index = new NeighborhoodIndex(neighborhoods);
  }

  /** A region with crosswalks registered for it. */
  public RegionContext(
      RegionId regionId, List<Neighborhood> neighborhoods, List<Crosswalk> crosswalks) {
    this(regionId, neighborhoods);
    crosswalks.forEach(c -> this.crosswalks.put(c.name(), c));
  }

  /** The region's crosswalk called {@code name}, if registered. */
  public Optional<Crosswalk> crosswalk(String name) {
    return Optional.ofNullable(crosswalks.get(name));
  }

  public RegionId regionId() {
    return regionId;
  }

  public Optional<Neighborhood> neighborhood(NeighborhoodId id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<Neighborhood> neighborhoods() {
    return List.copyOf(byId.values());
  }

  public NeighborhoodIndex index() {
    return index;
  }

  /** A grid for locating many points fast; built on first use. */
  public synchronized PointGrid grid() {
    if (grid == null) {
      grid = new PointGrid(List.copyOf(byId.values()));
    }
    return grid;
  }
}
