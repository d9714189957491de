package org.gapmap.store.dynamodb;

import static org.gapmap.store.dynamodb.Attributes.n;
import static org.gapmap.store.dynamodb.Attributes.s;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attribute layout of crosswalk items: the mapping (key to neighborhood id) travels as one
 * compressed JSON object, a blob split over part items when large (a national tract table is).
 * Stateless.
 */
final class CrosswalkItems {
  private CrosswalkItems() {}

  static Map<String, AttributeValue> item(Crosswalk crosswalk, Map<String, AttributeValue> body) {
    Map<String, AttributeValue> item = new HashMap<>(body);
    item.put(TableLayout.PK, s(TableLayout.regionPk(crosswalk.regionId())));
    item.put(TableLayout.SK, s(TableLayout.crosswalkSk(crosswalk.name())));
    item.put("regionId", s(crosswalk.regionId().value()));
    item.put("name", s(crosswalk.name()));
    item.put("sourceName", s(crosswalk.sourceName()));
    item.put("registeredAt", n(crosswalk.registeredAt().toEpochMilli()));
    item.put("size", n(crosswalk.size()));
    return item;
  }

  /** The mapping as JSON bytes: {@code {"36061000100": "MN17", ...}}. */
  static byte[] body(Crosswalk crosswalk) {
    Map<String, String> mapping = new TreeMap<>();
    crosswalk.mapping().forEach((key, id) -> mapping.put(key, id.value()));
    return JsonValues.stringMap(mapping);
  }

  static Crosswalk crosswalk(Map<String, AttributeValue> item, byte[] body) {
    String name = Attributes.string(item, "name");
    JsonNode document =
        JsonValues.tree(Compression.inflate(body, "crosswalk " + name), "crosswalk " + name);
    Map<String, NeighborhoodId> mapping = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : document.properties()) {
      mapping.put(e.getKey(), NeighborhoodId.of(e.getValue().asText()));
    }
    return new Crosswalk(
        RegionId.of(Attributes.string(item, "regionId")),
        name,
        Attributes.string(item, "sourceName"),
        Instant.ofEpochMilli(Attributes.longValue(item, "registeredAt")),
        mapping);
  }
}
