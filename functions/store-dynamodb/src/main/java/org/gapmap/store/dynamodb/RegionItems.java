package org.gapmap.store.dynamodb;

import static org.gapmap.store.dynamodb.Attributes.n;
import static org.gapmap.store.dynamodb.Attributes.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.RunId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute layout of region and neighborhood items. Stateless. */
final class RegionItems {
  private RegionItems() {}

  /** The region's META item; mutable, so the caller may add attributes. */
  static Map<String, AttributeValue> meta(Region region) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(TableLayout.PK, s(TableLayout.regionPk(region.id())));
    item.put(TableLayout.SK, s(TableLayout.META));
    item.put(TableLayout.GSI1PK, s(TableLayout.REGIONS));
    item.put(TableLayout.GSI1SK, s(region.id().value()));
    item.put("regionId", s(region.id().value()));
    item.put("title", s(region.title()));
    item.put("minLon", n(region.bbox().minLon()));
    item.put("minLat", n(region.bbox().minLat()));
    item.put("maxLon", n(region.bbox().maxLon()));
    item.put("maxLat", n(region.bbox().maxLat()));
    item.put("neighborhoodCount", n(region.neighborhoodCount()));
    item.put("attribution", s(region.attribution()));
    item.put("createdAt", n(region.createdAt().toEpochMilli()));
    if (region.currentRunId() != null) {
      item.put("currentRunId", s(region.currentRunId().value()));
    }
    item.put("version", n(region.version()));
    return item;
  }

  static Region region(Map<String, AttributeValue> item) {
    String current = Attributes.optionalString(item, "currentRunId");
    return new Region(
        RegionId.of(Attributes.string(item, "regionId")),
        Attributes.string(item, "title"),
        new BoundingBox(
            Attributes.doubleValue(item, "minLon"),
            Attributes.doubleValue(item, "minLat"),
            Attributes.doubleValue(item, "maxLon"),
            Attributes.doubleValue(item, "maxLat")),
        (int) Attributes.longValue(item, "neighborhoodCount"),
        Attributes.string(item, "attribution"),
        Instant.ofEpochMilli(Attributes.longValue(item, "createdAt")),
        current == null ? null : RunId.of(current),
        Attributes.longValue(item, "version"));
  }

  static Map<String, AttributeValue> neighborhood(
      RegionId regionId, Neighborhood neighborhood, Map<String, AttributeValue> geometry) {
    Map<String, AttributeValue> item = new HashMap<>(geometry);
    item.put(TableLayout.PK, s(TableLayout.regionPk(regionId)));
    item.put(TableLayout.SK, s(TableLayout.neighborhoodSk(neighborhood.id())));
    item.put("id", s(neighborhood.id().value()));
    item.put("name", s(neighborhood.name()));
    if (neighborhood.borough() != null) {
      item.put("borough", s(neighborhood.borough()));
    }
    item.put("ranked", Attributes.bool(neighborhood.ranked()));
    item.put("areaKm2", n(neighborhood.areaKm2()));
    return item;
  }

  static Neighborhood neighborhood(Map<String, AttributeValue> item, byte[] geometry) {
    String id = Attributes.string(item, "id");
    return new Neighborhood(
        NeighborhoodId.of(id),
        Attributes.string(item, "name"),
        Attributes.optionalString(item, "borough"),
        Attributes.booleanValue(item, "ranked"),
        GeometryCodec.decode(geometry, "geometry of neighborhood " + id),
        Attributes.doubleValue(item, "areaKm2"));
  }
}
