package org.gapmap.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/**
 * Answers an {@link ApiException} raised anywhere with its status and JSON error body. Stateless,
 * thread-safe.
 */
@Controller
final class ApiErrorHandler {

  @Error(exception = ApiException.class, global = true)
  HttpResponse<byte[]> apiError(ApiException e) {
    return HttpResponse.<byte[]>status(e.status())
        .body(ErrorBodies.of(e.code(), e.description()))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
