package org.gapmap.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Turns every error the framework produces (unknown route, wrong method, unacceptable media type,
 * failures) into the API's JSON error body, whatever the client accepts. Failures are described
 * generically, never with exception details. Stateless and thread-safe.
 */
@Singleton
final class JsonErrorResponseProcessor implements ErrorResponseProcessor<byte[]> {

  @Override
  public MutableHttpResponse<byte[]> processResponse(
      ErrorContext errorContext, MutableHttpResponse<?> baseResponse) {
    HttpStatus status = baseResponse.getStatus();
    String description =
        status.getCode() >= 500
            ? "internal server error"
            : errorContext.getErrors().stream()
                .map(Error::getMessage)
                .findFirst()
                .orElse(status.getReason());
    return baseResponse
        .body(ErrorBodies.of(ErrorBodies.codeFor(status), description))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
