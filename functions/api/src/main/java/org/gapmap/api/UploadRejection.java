package org.gapmap.api;

import io.micronaut.http.HttpStatus;
import java.util.Objects;

/**
 * An upload the server refuses: its status and the {@code code}/{@code description} of the JSON
 * error body. Descriptions never hold tokens, paths of the server or stack traces. Immutable.
 */
final class UploadRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;

  UploadRejection(HttpStatus status, String code, String description) {
    super(description, null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
  }

  HttpStatus status() {
    return status;
  }

  String code() {
    return code;
  }
}
