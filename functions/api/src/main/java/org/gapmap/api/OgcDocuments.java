package org.gapmap.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;

/**
 * The OGC API - Features documents that describe the service: landing page, conformance declaration
 * and collection metadata. Stateless and thread-safe.
 */
final class OgcDocuments {
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

  /** The conformance classes this service implements, and only those. */
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");

  private OgcDocuments() {}

  static byte[] landing(String base) {
    List<Link> links =
        List.of(
            new Link(base + "/?f=json", "self", ApiMediaTypes.JSON, "This document"),
            new Link(base + "/?f=html", "alternate", ApiMediaTypes.HTML, "The map"),
            new Link(
                base + "/conformance",
                "conformance",
                ApiMediaTypes.JSON,
                "Conformance classes implemented by this server"),
            new Link(base + "/collections", "data", ApiMediaTypes.JSON, "The regions"));
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("title", "gapmap");
          g.writeStringField(
              "description",
              "Broadband and mobile coverage gap scores per neighborhood: one collection per region,"
                  + " its neighborhoods the features.");
          g.writeFieldName("links");
          Link.writeAll(g, links);
          g.writeEndObject();
        });
  }

  static byte[] conformance() {
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("conformsTo");
          for (String c : CONFORMANCE) {
            g.writeString(c);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /** Every collection that has published features. */
  static byte[] collections(String base, List<CachedRun> runs) {
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("links");
          Link.writeAll(
              g,
              List.of(new Link(base + "/collections", "self", ApiMediaTypes.JSON, "The regions")));
          g.writeArrayFieldStart("collections");
          for (CachedRun run : runs) {
            writeCollection(g, base, run);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static byte[] collection(String base, CachedRun run) {
    return JsonDocuments.write(g -> writeCollection(g, base, run));
  }

  private static void writeCollection(JsonGenerator g, String base, CachedRun cached)
      throws IOException {
    Region region = cached.region();
    Run run = cached.published().run();
    String url = base + "/collections/" + RequestUrls.segment(region.id().value());
    g.writeStartObject();
    g.writeStringField("id", region.id().value());
    g.writeStringField("title", region.title());
    g.writeStringField(
        "description",
        "Broadband and mobile gap scores of "
            + cached.size()
            + " neighborhoods: run "
            + run.id()
            + ", profile "
            + run.profile()
            + ", computed "
            + run.createdAt()
            + ".");
    g.writeStringField("attribution", region.attribution());
    g.writeObjectFieldStart("extent");
    g.writeObjectFieldStart("spatial");
    g.writeArrayFieldStart("bbox");
    writeBbox(g, region.bbox());
    g.writeEndArray();
    g.writeStringField("crs", CRS84);
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("itemType", "feature");
    g.writeArrayFieldStart("crs");
    g.writeString(CRS84);
    g.writeEndArray();
    g.writeFieldName("links");
    Link.writeAll(
        g,
        List.of(
            new Link(url, "self", ApiMediaTypes.JSON, region.title()),
            new Link(url + "/items", "items", ApiMediaTypes.GEO_JSON, "Neighborhoods with scores"),
            new Link(url + "/map", "alternate", ApiMediaTypes.HTML, "Map of " + region.title())));
    g.writeEndObject();
  }

  private static void writeBbox(JsonGenerator g, BoundingBox bbox) throws IOException {
    g.writeStartArray();
    g.writeNumber(bbox.minLon());
    g.writeNumber(bbox.minLat());
    g.writeNumber(bbox.maxLon());
    g.writeNumber(bbox.maxLat());
    g.writeEndArray();
  }
}
