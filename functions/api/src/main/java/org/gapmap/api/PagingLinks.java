package org.gapmap.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code self}, {@code next} and {@code prev} links of a page of items. {@code next} is present
 * whenever more features remain and {@code prev} whenever the page does not start at the first one;
 * both keep every other query parameter of the request as the client sent it. Stateless and
 * thread-safe.
 */
final class PagingLinks {
  private PagingLinks() {}

  /**
   * @param url the request URL without its query
   * @param rawQuery the request's query as sent, or {@code null}
   * @param offset offset of this page
   * @param limit page size in effect (after clamping)
   * @param matched number of features matching the request
   */
  static List<Link> of(String url, String rawQuery, int offset, int limit, int matched) {
    List<Link> links = new ArrayList<>();
    String type = ApiMediaTypes.GEO_JSON;
    links.add(new Link(withQuery(url, rawQuery), "self", type, "This page"));
    if ((long) offset + limit < matched) {
      links.add(new Link(withOffset(url, rawQuery, offset + limit), "next", type, "Next page"));
    }
    if (offset > 0) {
      links.add(
          new Link(
              withOffset(url, rawQuery, Math.max(0, offset - limit)),
              "prev",
              type,
              "Previous page"));
    }
    return links;
  }

  /**
   * The {@code alternate} links of a page: the same page in each of {@code formats} but the first
   * (the one the links are written in).
   */
  static List<Link> alternates(String url, String rawQuery, OutputFormat... formats) {
    List<Link> links = new ArrayList<>();
    for (int i = 1; i < formats.length; i++) {
      OutputFormat format = formats[i];
      links.add(
          new Link(
              withParameter(url, rawQuery, "f", format.f()),
              "alternate",
              format.mediaType(),
              "This page as " + format.title()));
    }
    return links;
  }

  private static String withOffset(String url, String rawQuery, int offset) {
    return withParameter(url, rawQuery, "offset", Integer.toString(offset));
  }

  /**
   * {@code url} with {@code rawQuery}, its parameter {@code name} (if any) set to {@code value}.
   */
  private static String withParameter(String url, String rawQuery, String name, String value) {
    List<String> pairs = new ArrayList<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (!pair.isEmpty() && !name(pair).equals(name)) {
          pairs.add(pair);
        }
      }
    }
    pairs.add(name + "=" + value);
    return url + "?" + String.join("&", pairs);
  }

  private static String name(String pair) {
    int eq = pair.indexOf('=');
    return eq < 0 ? pair : pair.substring(0, eq);
  }

  private static String withQuery(String url, String rawQuery) {
    return rawQuery == null || rawQuery.isEmpty() ? url : url + "?" + rawQuery;
  }
}
