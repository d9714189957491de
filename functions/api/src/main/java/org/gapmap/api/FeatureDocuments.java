package org.gapmap.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.export.GeoJsonWriter;
import org.gapmap.core.publish.ScoredFeature;

/**
 * GeoJSON documents of features: a page of items as a FeatureCollection, and a single feature.
 * Features written in full come from the run's cached encoding. Stateless and thread-safe.
 */
final class FeatureDocuments {
  private FeatureDocuments() {}

  /** A FeatureCollection of {@code page}, with paging metadata and {@code links}. */
  static byte[] featureCollection(
      CachedRun run, ItemsQuery query, ItemSelection.Page page, List<Link> links, Instant now) {
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("type", "FeatureCollection");
          g.writeNumberField("numberMatched", page.matched());
          g.writeNumberField("numberReturned", page.returned());
          g.writeStringField("timeStamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
          g.writeFieldName("links");
          Link.writeAll(g, links);
          g.writeFieldName("features");
          if (page.wholeCollection()) {
            g.writeRawValue(run.encodedFeatures());
          } else {
            g.writeStartArray();
            for (int index : page.indices()) {
              writeFeature(g, run, index, query);
            }
            g.writeEndArray();
          }
          g.writeEndObject();
        });
  }

  /** One feature with its geometry in {@code crs}, every property and {@code links}. */
  static byte[] feature(CachedRun run, int index, ContentCrs crs, List<Link> links) {
    ScoredFeature feature = run.feature(index);
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("type", "Feature");
          g.writeStringField("id", feature.neighborhood().id().value());
          g.writeFieldName("geometry");
          GeoJsonWriter.writeGeometry(g, crs.fromCrs84(feature.neighborhood().geometry()));
          g.writeFieldName("properties");
          GeoJsonWriter.writeValue(g, run.properties(index));
          g.writeFieldName("links");
          Link.writeAll(g, links);
          g.writeEndObject();
        });
  }

  private static void writeFeature(JsonGenerator g, CachedRun run, int index, ItemsQuery query)
      throws IOException {
    if (query.isFullFeature()) {
      g.writeRawValue(run.encodedFeature(index));
      return;
    }
    ScoredFeature feature = run.feature(index);
    GeoJsonWriter.writeFeature(
        g,
        feature.neighborhood().id().value(),
        query.skipGeometry() ? null : query.crs().fromCrs84(feature.neighborhood().geometry()),
        select(run.properties(index), query.properties()));
  }

  private static Map<String, Object> select(Map<String, Object> properties, List<String> names) {
    if (names == null) {
      return properties;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    properties.forEach(
        (name, value) -> {
          if (names.contains(name)) {
            selected.put(name, value);
          }
        });
    return selected;
  }
}
