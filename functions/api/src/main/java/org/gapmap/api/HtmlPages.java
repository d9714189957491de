package org.gapmap.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.publish.ScoredFeature;

/**
 * The HTML representation of every resource besides the map: plain pages with the same links as the
 * JSON documents, readable without JavaScript. Stateless and thread-safe.
 */
final class HtmlPages {
  private HtmlPages() {}

  static byte[] conformance(List<String> classes) {
    StringBuilder body = new StringBuilder("<ul>");
    classes.forEach(c -> body.append("<li><a href=\"").append(e(c)).append("\">").append(e(c)));
    body.append("</ul>");
    return page("Conformance", List.of(crumb("/", "gapmap")), body.toString(), "/conformance");
  }

  static byte[] collections(List<CachedRun> runs) {
    StringBuilder body = new StringBuilder();
    if (runs.isEmpty()) {
      body.append("<p>No region has been published yet.</p>");
    }
    for (CachedRun run : runs) {
      body.append(collectionSection(run, false, 2));
    }
    return page("Collections", List.of(crumb("/", "gapmap")), body.toString(), "/collections");
  }

  static byte[] collection(CachedRun run, boolean pinned) {
    return page(
        run.region().title(),
        List.of(crumb("/", "gapmap"), crumb("/collections", "Collections")),
        collectionSection(run, pinned, -1),
        collectionPath(run) + pin(run, pinned, '?'));
  }

  /**
   * A page of items as a table.
   *
   * @param links the page's paging links (self, next, prev) as the JSON document has them
   */
  static byte[] items(
      CachedRun run, boolean pinned, ItemSelection.Page page, int offset, List<Link> links) {
    StringBuilder body = new StringBuilder();
    body.append("<p>")
        .append(page.returned())
        .append(" of ")
        .append(page.matched())
        .append(" matching neighborhoods")
        .append(page.returned() > 0 ? ", from number " + (offset + 1) : "")
        .append(". Run <code>")
        .append(e(run.runId().value()))
        .append("</code>, profile <code>")
        .append(e(run.published().run().profile()))
        .append("</code>.</p>");
    body.append("<nav class=\"pager\">");
    for (Link link : links) {
      if (link.rel().equals("prev") || link.rel().equals("next")) {
        body.append("<a rel=\"")
            .append(link.rel())
            .append("\" href=\"")
            .append(e(withFormat(link.href(), "html")))
            .append("\">")
            .append(link.rel().equals("prev") ? "&larr; previous page" : "next page &rarr;")
            .append("</a> ");
      }
    }
    body.append("</nav>");
    body.append(
        "<table class=\"items\"><thead><tr><th>Id</th><th>Name</th><th>Borough</th>"
            + "<th class=\"number\">Rank</th><th class=\"number\">Gap score</th></tr></thead><tbody>");
    String items = collectionPath(run) + "/items/";
    for (int index : page.indices()) {
      ScoredFeature f = run.feature(index);
      String id = f.neighborhood().id().value();
      body.append("<tr><td><a href=\"")
          .append(e(items + RequestUrls.segment(id) + "?f=html" + pin(run, pinned, '&')))
          .append("\">")
          .append(e(id))
          .append("</a></td><td>")
          .append(e(f.neighborhood().name()))
          .append("</td><td>")
          .append(e(f.neighborhood().borough()))
          .append("</td><td class=\"number\">")
          .append(f.score().rank() == null ? "" : f.score().rank())
          .append("</td><td class=\"number\">")
          .append(
              f.score().gapScore() == null
                  ? ""
                  : String.format(java.util.Locale.ROOT, "%.2f", f.score().gapScore()))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    return page(
        "Neighborhoods of " + run.region().title(),
        List.of(
            crumb("/", "gapmap"),
            crumb("/collections", "Collections"),
            crumb(collectionPath(run) + "?f=html" + pin(run, pinned, '&'), run.region().title())),
        body.toString(),
        null);
  }

  static byte[] item(CachedRun run, boolean pinned, int index) {
    ScoredFeature f = run.feature(index);
    StringBuilder body = new StringBuilder("<table class=\"values\"><tbody>");
    for (Map.Entry<String, Object> p : run.properties(index).entrySet()) {
      body.append("<tr><th scope=\"row\">")
          .append(e(p.getKey()))
          .append("</th><td>")
          .append(e(p.getValue() == null ? "" : String.valueOf(p.getValue())))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    body.append("<p><a href=\"")
        .append(e(collectionPath(run) + "/map" + pin(run, pinned, '?')))
        .append("#")
        .append(e(RequestUrls.segment(f.neighborhood().id().value())))
        .append("\">On the map</a></p>");
    String path =
        collectionPath(run) + "/items/" + RequestUrls.segment(f.neighborhood().id().value());
    return page(
        f.neighborhood().name(),
        List.of(
            crumb("/", "gapmap"),
            crumb("/collections", "Collections"),
            crumb(collectionPath(run) + "?f=html" + pin(run, pinned, '&'), run.region().title()),
            crumb(collectionPath(run) + "/items?f=html" + pin(run, pinned, '&'), "Neighborhoods")),
        body.toString(),
        path + pin(run, pinned, '?'));
  }

  /**
   * The API documentation: every path of the OpenAPI document with its parameters.
   *
   * @param operations rows of path, summary and parameter names
   */
  static byte[] api(List<List<String>> operations) {
    StringBuilder body =
        new StringBuilder(
            "<p>The machine-readable definition is <a href=\"/api?f=json\">/api</a>"
                + " (OpenAPI 3.0). Every list of features is paged through its <code>next</code>"
                + " links.</p><table class=\"values\"><thead><tr><th>Path</th><th>What</th>"
                + "<th>Query parameters</th></tr></thead><tbody>");
    for (List<String> op : operations) {
      body.append("<tr><td><code>")
          .append(e(op.get(0)))
          .append("</code></td><td>")
          .append(e(op.get(1)))
          .append("</td><td>")
          .append(e(op.get(2)))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    return page("API", List.of(crumb("/", "gapmap")), body.toString(), null);
  }

  private static String collectionSection(CachedRun cached, boolean pinned, int level) {
    Region region = cached.region();
    Run run = cached.published().run();
    String path = collectionPath(cached);
    String q = pin(cached, pinned, '&');
    StringBuilder s = new StringBuilder();
    if (level > 0) {
      s.append("<h2><a href=\"")
          .append(e(path + "?f=html"))
          .append("\">")
          .append(e(region.title()))
          .append("</a></h2>");
    }
    s.append("<p>")
        .append(cached.size())
        .append(" neighborhoods, run <code>")
        .append(e(run.id().value()))
        .append("</code> (profile <code>")
        .append(e(run.profile()))
        .append("</code>, computed ")
        .append(e(run.createdAt().toString()))
        .append(").</p>");
    s.append("<p class=\"attribution\">").append(e(region.attribution())).append("</p>");
    s.append("<ul class=\"actions\">");
    s.append("<li><a href=\"")
        .append(e(path + "/map" + pin(cached, pinned, '?')))
        .append("\">Map</a>");
    s.append("<li><a href=\"")
        .append(e(path + "/items?f=html" + q))
        .append("\">Neighborhoods as a table</a>");
    s.append("<li><a href=\"")
        .append(e(path + "/items?f=json" + q))
        .append("\">Neighborhoods as GeoJSON</a> (paged)");
    for (OutputFormat format : OgcDocuments.DOWNLOADS) {
      s.append("<li><a href=\"")
          .append(e(path + "/download?f=" + format.extension() + q))
          .append("\" download>Download all as ")
          .append(e(format.title()))
          .append("</a>");
    }
    s.append("</ul>");
    return s.toString();
  }

  private static String collectionPath(CachedRun run) {
    return "/collections/" + RequestUrls.segment(run.region().id().value());
  }

  /** {@code run=<id>} after {@code separator}, or nothing for the current run. */
  private static String pin(CachedRun run, boolean pinned, char separator) {
    return pinned ? separator + "run=" + run.runId().value() : "";
  }

  private static String withFormat(String href, String f) {
    String cleaned = href.replaceAll("([?&])f=[^&]*&?", "$1").replaceAll("[?&]$", "");
    return cleaned + (cleaned.contains("?") ? "&" : "?") + "f=" + f;
  }

  private record Crumb(String href, String title) {}

  private static Crumb crumb(String href, String title) {
    return new Crumb(href, title);
  }

  /**
   * A whole page.
   *
   * @param jsonPath path (and query) of the JSON representation, or {@code null} for none
   */
  private static byte[] page(String title, List<Crumb> crumbs, String body, String jsonPath) {
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(e(title))
        .append(" – gapmap</title>")
        .append("<link rel=\"icon\" href=\"data:,\">")
        .append("<link rel=\"stylesheet\" href=\"/static/pages.css\"></head><body><header><nav>");
    for (Crumb c : crumbs) {
      html.append("<a href=\"")
          .append(e(c.href()))
          .append("\">")
          .append(e(c.title()))
          .append("</a> / ");
    }
    html.append("</nav>");
    if (jsonPath != null) {
      html.append("<a class=\"json\" href=\"")
          .append(e(jsonPath + (jsonPath.contains("?") ? "&" : "?") + "f=json"))
          .append("\">JSON</a>");
    }
    html.append("</header><main><h1>").append(e(title)).append("</h1>").append(body);
    html.append("</main></body></html>\n");
    return html.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} escaped for HTML text and attribute values; {@code null} as empty. */
  static String e(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
