package org.gapmap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 definition at {@code /api}. It is written by hand ({@code openapi.json} beside
 * this class), because the OGC test suite and clients such as GDAL and QGIS read the declared
 * parameters (limit bounds, bbox as 4 to 6 numbers); per request only the server URL and the
 * collection ids are filled in. Thread-safe: the template is never modified.
 */
final class OpenApiDocument {
  private static final String RESOURCE = "/org/gapmap/api/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectNode TEMPLATE = load();

  private OpenApiDocument() {}

  /** The definition for a server at {@code base} serving {@code collectionIds}. */
  static byte[] json(String base, List<String> collectionIds) {
    ObjectNode doc = TEMPLATE.deepCopy();
    ((ObjectNode) doc.withArray("/servers").get(0)).put("url", base);
    ObjectNode schema = (ObjectNode) doc.at("/components/parameters/collectionId").path("schema");
    ArrayNode ids = schema.putArray("enum");
    collectionIds.forEach(ids::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the API definition", e);
    }
  }

  /** Each operation as path, summary and the names of its query parameters, for the HTML page. */
  static List<List<String>> operations() {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : TEMPLATE.get("paths").properties()) {
      JsonNode get = path.getValue().get("get");
      List<String> query = new ArrayList<>();
      for (JsonNode p : get.path("parameters")) {
        JsonNode parameter = p.has("$ref") ? TEMPLATE.at(p.get("$ref").asText().substring(1)) : p;
        if (parameter.path("in").asText().equals("query")) {
          query.add(parameter.get("name").asText());
        }
      }
      rows.add(List.of(path.getKey(), get.get("summary").asText(), String.join(", ", query)));
    }
    return rows;
  }

  private static ObjectNode load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the API definition " + RESOURCE + " is missing");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API definition", e);
    }
  }
}
