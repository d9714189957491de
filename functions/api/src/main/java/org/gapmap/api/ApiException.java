package org.gapmap.api;

import io.micronaut.http.HttpStatus;
import java.util.Objects;

/**
 * A request the API refuses, with the status and the {@code code}/{@code description} pair of the
 * JSON error body. Immutable.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;

  private ApiException(HttpStatus status, String code, String description) {
    super(description);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
  }

  /** 400 for a query parameter whose value cannot be used. */
  public static ApiException invalidParameter(String description) {
    return new ApiException(HttpStatus.BAD_REQUEST, "InvalidParameterValue", description);
  }

  /** 400 for a query parameter the resource does not know. */
  public static ApiException unknownParameter(String name) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "UnknownParameter", "unknown query parameter '" + name + "'");
  }

  /** 406 when the client accepts none of the representations of a resource. */
  public static ApiException notAcceptable(String description) {
    return new ApiException(HttpStatus.NOT_ACCEPTABLE, "NotAcceptable", description);
  }

  /** 404 for a resource that does not exist. */
  public static ApiException notFound(String description) {
    return new ApiException(HttpStatus.NOT_FOUND, "NotFound", description);
  }

  /** 404 for a collection id that is unknown or has nothing published. */
  public static ApiException noSuchCollection(String regionId) {
    return notFound("no collection '" + regionId + "'");
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String description() {
    return getMessage();
  }
}
