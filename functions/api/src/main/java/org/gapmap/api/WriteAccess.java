package org.gapmap.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Who may write: the bearer token configured when the server starts, or nobody. The token is
 * compared in constant time and never appears in {@link #toString()}, messages or logs. Immutable
 * and thread-safe.
 */
public final class WriteAccess {
  private static final String BEARER = "Bearer ";

  /** What a request's credentials amount to. */
  enum Decision {
    /** The token matches. */
    GRANTED,
    /** No bearer credentials were sent: 401. */
    MISSING,
    /** Credentials were sent but are wrong: 403. */
    WRONG,
    /** The server accepts no writes at all: 403. */
    DISABLED
  }

  private final byte[] token;

  private WriteAccess(byte[] token) {
    this.token = token;
  }

  /** No writes: every upload is refused. */
  public static WriteAccess disabled() {
    return new WriteAccess(null);
  }

  /**
   * Writes with {@code Authorization: Bearer token}.
   *
   * @throws IllegalArgumentException if the token is shorter than 16 characters or holds whitespace
   *     or control characters
   */
  public static WriteAccess withToken(String token) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("the write token must have at least 16 characters");
    }
    if (token.chars().anyMatch(c -> c <= ' ' || c == 127)) {
      throw new IllegalArgumentException(
          "the write token must not hold whitespace or control characters");
    }
    return new WriteAccess(token.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether any write can be granted. */
  public boolean enabled() {
    return token != null;
  }

  /** Judges an {@code Authorization} header value, {@code null} when absent. */
  Decision check(String authorization) {
    if (authorization == null
        || authorization.length() < BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return token == null ? Decision.DISABLED : Decision.MISSING;
    }
    if (token == null) {
      return Decision.DISABLED;
    }
    byte[] offered =
        authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
    // MessageDigest.isEqual takes time independent of where the first difference lies.
    boolean equal = MessageDigest.isEqual(offered, token);
    Arrays.fill(offered, (byte) 0);
    return equal ? Decision.GRANTED : Decision.WRONG;
  }

  @Override
  public String toString() {
    return token == null ? "WriteAccess[disabled]" : "WriteAccess[bearer token]";
  }
}
