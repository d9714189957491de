package org.gapmap.api;

import io.micronaut.http.HttpStatus;

/** JSON error bodies: {@code {"code": "...", "description": "..."}}. Stateless and thread-safe. */
final class ErrorBodies {
  private ErrorBodies() {}

  static byte[] of(String code, String description) {
    return JsonDocuments.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("code", code);
          g.writeStringField("description", description);
          g.writeEndObject();
        });
  }

  /** The error code for a status the API did not raise itself (routing, negotiation, failures). */
  static String codeFor(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "InvalidRequest";
      case NOT_FOUND -> "NotFound";
      case METHOD_NOT_ALLOWED -> "MethodNotAllowed";
      case NOT_ACCEPTABLE -> "NotAcceptable";
      case REQUEST_ENTITY_TOO_LARGE -> "PayloadTooLarge";
      case UNSUPPORTED_MEDIA_TYPE -> "UnsupportedMediaType";
      case TOO_MANY_REQUESTS -> "TooManyRequests";
      default -> status.getCode() >= 500 ? "ServerError" : "RequestError";
    };
  }
}
