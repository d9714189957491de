package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Set;

/**
 * Opens reads to every origin: {@code Access-Control-Allow-Origin: *} on GET, HEAD and OPTIONS
 * responses only, and answers OPTIONS (including CORS preflight) itself. Other methods get no CORS
 * header, so writes are never cross-origin. Stateless and thread-safe.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class CorsHeadersFilter {
  private static final Set<HttpMethod> READS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
  private static final String ALLOWED_HEADERS =
      "Accept, Accept-Encoding, If-None-Match, If-Modified-Since";
  private static final String EXPOSED_HEADERS =
      "ETag, Last-Modified, Content-Crs, Content-Disposition";
  private static final String MAX_AGE_SECONDS = "86400";

  /** Answers OPTIONS requests; lets every other request through. */
  @RequestFilter
  @Nullable
  HttpResponse<?> answerOptions(HttpRequest<?> request) {
    if (request.getMethod() != HttpMethod.OPTIONS) {
      return null;
    }
    String requested = request.getHeaders().get(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
    return HttpResponse.noContent()
        .header(HttpHeaders.ALLOW, ALLOWED_METHODS)
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
        .header(
            HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
            requested == null || requested.isBlank() ? ALLOWED_HEADERS : requested)
        .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
  }

  /** Adds the CORS headers to responses of reads. */
  @ResponseFilter
  void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (READS.contains(request.getMethod())) {
      response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
      response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
    }
  }
}
