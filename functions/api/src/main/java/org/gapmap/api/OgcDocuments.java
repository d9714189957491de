package org.gapmap.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;

/**
 * The OGC API - Features documents that describe the service: landing page, conformance declaration
 * and collection metadata. Stateless and thread-safe.
 */
final class OgcDocuments {
  static final String CRS84 = ContentCrs.CRS84.uri();

  /** The conformance classes this service implements, and only those. */
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
          "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

  /** The downloads of a whole run, in the order the collection document lists them. */
  static final List<OutputFormat> DOWNLOADS =
      List.of(OutputFormat.GEOJSON, OutputFormat.CSV, OutputFormat.FLATGEOBUF);

  private OgcDocuments() {}

  static byte[] landing(String base) {
    List<Link> links =
        List.of(
            new Link(base + "/?f=json", "self", ApiMediaTypes.JSON, "This document"),
            new Link(base + "/?f=html", "alternate", ApiMediaTypes.HTML, "The map"),
            new Link(
                base + "/api",
                "service-desc",
                ApiMediaTypes.OPENAPI,
                "The API definition (OpenAPI 3.0)"),
            new Link(
                base + "/api?f=html", "service-doc", ApiMediaTypes.HTML, "The API documentation"),
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

  static byte[] conformance(String base) {
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("links");
          Link.writeAll(
              g,
              List.of(
                  new Link(
                      base + "/conformance?f=json", "self", ApiMediaTypes.JSON, "This document"),
                  new Link(
                      base + "/conformance?f=html", "alternate", ApiMediaTypes.HTML, "As HTML")));
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
              List.of(
                  new Link(base + "/collections?f=json", "self", ApiMediaTypes.JSON, "The regions"),
                  new Link(
                      base + "/collections?f=html", "alternate", ApiMediaTypes.HTML, "As HTML")));
          g.writeArrayFieldStart("collections");
          for (CachedRun run : runs) {
            writeCollection(g, base, run, false);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * One collection.
   *
   * @param pinned whether the document describes a run named by {@code run=} rather than the
   *     current one, so its links keep naming that run
   */
  static byte[] collection(String base, CachedRun run, boolean pinned) {
    return JsonDocuments.write(g -> writeCollection(g, base, run, pinned));
  }

  /** The URL of the collection of {@code run}'s region. */
  static String collectionUrl(String base, CachedRun run) {
    return base + "/collections/" + RequestUrls.segment(run.region().id().value());
  }

  private static void writeCollection(
      JsonGenerator g, String base, CachedRun cached, boolean pinned) throws IOException {
    Region region = cached.region();
    Run run = cached.published().run();
    String url = collectionUrl(base, cached);
    String runQuery = pinned ? "run=" + run.id() + "&" : "";
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
    g.writeObjectFieldStart("temporal");
    g.writeArrayFieldStart("interval");
    g.writeStartArray();
    g.writeString(run.createdAt().toString());
    g.writeString(run.createdAt().toString());
    g.writeEndArray();
    g.writeEndArray();
    g.writeStringField("trs", "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian");
    g.writeEndObject();
    g.writeEndObject();
    g.writeStringField("itemType", "feature");
    g.writeArrayFieldStart("crs");
    for (ContentCrs crs : ContentCrs.values()) {
      g.writeString(crs.uri());
    }
    g.writeEndArray();
    g.writeStringField("storageCrs", CRS84);
    g.writeFieldName("links");
    String pin = pinned ? "?run=" + run.id() : "";
    List<Link> links = new ArrayList<>();
    links.add(
        new Link(url + "?" + runQuery + "f=json", "self", ApiMediaTypes.JSON, region.title()));
    links.add(
        new Link(url + "?" + runQuery + "f=html", "alternate", ApiMediaTypes.HTML, region.title()));
    links.add(
        new Link(
            url + "/items" + pin, "items", ApiMediaTypes.GEO_JSON, "Neighborhoods with scores"));
    links.add(
        new Link(
            url + "/items?" + runQuery + "f=html",
            "items",
            ApiMediaTypes.HTML,
            "Neighborhoods with scores as a table"));
    links.add(
        new Link(url + "/map" + pin, "related", ApiMediaTypes.HTML, "Map of " + region.title()));
    for (OutputFormat format : DOWNLOADS) {
      links.add(
          new Link(
              url + "/download?" + runQuery + "f=" + format.extension(),
              "enclosure",
              format.mediaType(),
              "Every neighborhood of run " + run.id() + " as " + format.title()));
    }
    Link.writeAll(g, links);
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
