package org.gapmap.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifier of an upload: the SHA-256 of its bytes in lower-case hex, so the same file twice is
 * one upload.
 */
public record UploadId(String sha256) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  public UploadId {
    Objects.requireNonNull(sha256, "sha256");
    if (!HEX64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("upload id must be 64 lower-case hex digits: " + sha256);
    }
  }

  /** The first 12 hex digits, enough to tell uploads apart in messages. */
  public String shortForm() {
    return sha256.substring(0, 12);
  }

  @Override
  public String toString() {
    return sha256;
  }
}
