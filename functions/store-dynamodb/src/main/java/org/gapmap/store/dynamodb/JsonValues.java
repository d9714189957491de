package org.gapmap.store.dynamodb;

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
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * JSON layouts of attributes that hold maps of doubles. DynamoDB numbers cannot hold every double
 * (their exponent stops at 10^-130), JSON's shortest exact decimal form can, and reads back to the
 * same value. Layouts are spelled out here, not derived from the domain records, so renaming a
 * record component does not break stored data. Thread-safe.
 */
final class JsonValues {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Double>> DOUBLES_BY_NAME =
      new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private JsonValues() {}

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

  /** A string-to-string map as a JSON object, in UTF-8 bytes. */
  static byte[] stringMap(Map<String, String> values) {
    return write(values).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** An upload's report and indicators as one document. */
  static byte[] uploadBody(IngestReport report, Map<NeighborhoodId, Indicators> indicators) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode r = root.putObject("report");
    r.put("rowsRead", report.rowsRead());
    r.put("rowsUsed", report.rowsUsed());
    r.put("rowsOutside", report.rowsOutside());
    r.put("rowsSkipped", report.rowsSkipped());
    ArrayNode notes = r.putArray("notes");
    report.notes().forEach(notes::add);
    ObjectNode byId = root.putObject("indicators");
    indicators.forEach(
        (id, values) -> {
          ObjectNode node = byId.putObject(id.value());
          values.asMap().forEach(node::put);
        });
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new DynamoDbStoreException("could not encode an upload as JSON", e);
    }
  }

  static IngestReport report(JsonNode body) {
    JsonNode r = body.path("report");
    List<String> notes = new ArrayList<>();
    r.path("notes").forEach(note -> notes.add(note.asText()));
    return new IngestReport(
        number(r, "rowsRead"),
        number(r, "rowsUsed"),
        number(r, "rowsOutside"),
        number(r, "rowsSkipped"),
        notes);
  }

  static Map<NeighborhoodId, Indicators> indicators(JsonNode body) {
    Map<NeighborhoodId, Indicators> result = new LinkedHashMap<>();
    body.path("indicators")
        .properties()
        .forEach(
            entry -> {
              Map<String, Double> values = new LinkedHashMap<>();
              entry
                  .getValue()
                  .properties()
                  .forEach(v -> values.put(v.getKey(), v.getValue().doubleValue()));
              result.put(NeighborhoodId.of(entry.getKey()), Indicators.of(values));
            });
    return result;
  }

  static JsonNode tree(byte[] json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new DynamoDbStoreException("stored " + what + " is not valid JSON", e);
    }
  }

  private static long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber()) {
      throw new DynamoDbStoreException("stored ingest report lacks numeric field " + field);
    }
    return value.asLong();
  }

  private static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new DynamoDbStoreException(
          "could not encode " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new DynamoDbStoreException("stored JSON attribute is null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new DynamoDbStoreException(
          "stored JSON attribute is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
