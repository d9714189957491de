package org.gapmap.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * A link object of an OGC API document.
 *
 * @param href absolute URL
 * @param rel relation type
 * @param type media type of the target
 * @param title human-readable title, or {@code null}
 */
record Link(String href, String rel, String type, String title) {
  Link {
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(rel, "rel");
    Objects.requireNonNull(type, "type");
  }

  /** Writes {@code links} as a JSON array. */
  static void writeAll(JsonGenerator g, List<Link> links) throws IOException {
    g.writeStartArray();
    for (Link link : links) {
      g.writeStartObject();
      g.writeStringField("href", link.href);
      g.writeStringField("rel", link.rel);
      g.writeStringField("type", link.type);
      if (link.title != null) {
        g.writeStringField("title", link.title);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
