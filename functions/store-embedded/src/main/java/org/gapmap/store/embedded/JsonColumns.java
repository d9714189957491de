package org.gapmap.store.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * Encodes the JSON columns. Doubles are written in their shortest exact decimal form and parsed
 * back to the same value. The layouts are spelled out here rather than derived from the domain
 * records, so renaming a record component does not break stored data. Thread-safe.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Double>> DOUBLES_BY_NAME =
      new TypeReference<>() {};
  private static final TypeReference<Map<String, Map<String, Double>>> DOUBLES_BY_NAME_BY_ID =
      new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRINGS_BY_KEY = new TypeReference<>() {};
  private static final TypeReference<JsonNode> TREE = new TypeReference<>() {};

  private JsonColumns() {}

  static String indicators(Indicators indicators) {
    return write(indicators.asMap());
  }

  static Indicators indicators(String json) {
    return Indicators.of(read(json, DOUBLES_BY_NAME));
  }

  /** Indicators by neighborhood, as an object keyed by neighborhood id. */
  static String indicatorsByNeighborhood(Map<NeighborhoodId, Indicators> indicators) {
    Map<String, Map<String, Double>> plain = new LinkedHashMap<>();
    indicators.forEach((id, values) -> plain.put(id.value(), values.asMap()));
    return write(plain);
  }

  static Map<NeighborhoodId, Indicators> indicatorsByNeighborhood(String json) {
    Map<NeighborhoodId, Indicators> result = new LinkedHashMap<>();
    read(json, DOUBLES_BY_NAME_BY_ID)
        .forEach((id, values) -> result.put(NeighborhoodId.of(id), Indicators.of(values)));
    return result;
  }

  static String doubles(Map<String, Double> values) {
    return write(values);
  }

  static Map<String, Double> doubles(String json) {
    return read(json, DOUBLES_BY_NAME);
  }

  static String strings(List<String> values) {
    return write(values);
  }

  static List<String> strings(String json) {
    return read(json, STRINGS);
  }

  static String uploadIds(List<UploadId> ids) {
    return strings(ids.stream().map(UploadId::sha256).toList());
  }

  static List<UploadId> uploadIds(String json) {
    return strings(json).stream().map(UploadId::new).toList();
  }

  static String strings(Map<String, String> values) {
    return write(new java.util.TreeMap<>(values));
  }

  static Map<String, String> stringsByKey(String json) {
    return read(json, STRINGS_BY_KEY);
  }

  static String report(IngestReport report) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("rowsRead", report.rowsRead());
    node.put("rowsUsed", report.rowsUsed());
    node.put("rowsOutside", report.rowsOutside());
    node.put("rowsSkipped", report.rowsSkipped());
    ArrayNode notes = node.putArray("notes");
    report.notes().forEach(notes::add);
    return write(node);
  }

  static IngestReport report(String json) {
    JsonNode node = read(json, TREE);
    List<String> notes = new ArrayList<>();
    node.path("notes").forEach(note -> notes.add(note.asText()));
    return new IngestReport(
        required(node, "rowsRead").asLong(),
        required(node, "rowsUsed").asLong(),
        required(node, "rowsOutside").asLong(),
        required(node, "rowsSkipped").asLong(),
        notes);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new StoreException("stored ingest report lacks numeric field " + field + ": " + node);
    }
    return value;
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "could not encode " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new StoreException("stored JSON column is null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new StoreException("stored JSON column is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
