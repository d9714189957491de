package org.gapmap.core.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.geom.NeighborhoodIndex;
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

  public RegionContext(RegionId regionId, List<Neighborhood> neighborhoods) {
    this.regionId = regionId;
    neighborhoods.forEach(n -> byId.put(n.id(), n));
    this.index = new NeighborhoodIndex(neighborhoods);
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
}
