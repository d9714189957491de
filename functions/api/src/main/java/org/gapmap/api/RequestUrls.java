package org.gapmap.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs for links, based on the host the client addressed (forwarded headers are honoured
 * as the server's host-resolution settings allow). Stateless and thread-safe.
 */
@Singleton
final class RequestUrls {
  private final HttpHostResolver hostResolver;

  RequestUrls(HttpHostResolver hostResolver) {
    this.hostResolver = hostResolver;
  }

  /**
   * Scheme, host and port of the request, without a trailing slash: {@code http://localhost:8080}.
   */
  String base(HttpRequest<?> request) {
    String base = hostResolver.resolve(request);
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** The absolute URL of the request itself, query included. */
  String self(HttpRequest<?> request) {
    String query = request.getUri().getRawQuery();
    return base(request) + request.getUri().getRawPath() + (query == null ? "" : "?" + query);
  }

  /** {@code value} encoded as one path segment. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
