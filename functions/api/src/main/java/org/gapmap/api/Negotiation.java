package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/**
 * Chooses between the HTML and the JSON representation of a resource. Stateless and thread-safe.
 */
final class Negotiation {
  private Negotiation() {}

  /**
   * Whether the client gets HTML: {@code f=html} says so, {@code f=json} says not, otherwise an
   * {@code Accept} header naming {@code text/html} (as browsers send) does.
   */
  static boolean wantsHtml(HttpRequest<?> request, @Nullable String f) {
    if (f != null) {
      return switch (f) {
        case "html" -> true;
        case "json" -> false;
        default -> throw ApiException.invalidParameter("f must be json or html, got '" + f + "'");
      };
    }
    String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
    return accept != null && accept.contains(ApiMediaTypes.HTML);
  }
}
