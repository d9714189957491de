package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Conditional-request handling and cache headers of every successful read: {@code ETag}, {@code
 * Last-Modified}, {@code Cache-Control: public, max-age=60} and {@code Vary: Accept,
 * Accept-Encoding}; {@code If-None-Match} (and, without it, {@code If-Modified-Since}) answer 304
 * without building the body. Stateless and thread-safe.
 */
final class CachingHeaders {
  static final String CACHE_CONTROL = "public, max-age=60";
  static final String VARY = "Accept, Accept-Encoding";

  /** The HTTP date format (RFC 9110 IMF-fixdate): always two-digit days, always GMT. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private CachingHeaders() {}

  /**
   * What identifies one version of a representation.
   *
   * @param etag the entity tag, quoted (weak: the body may be compressed on the way out)
   * @param lastModified when the data behind it last changed, or {@code null} when unknown
   */
  record Validator(String etag, @Nullable Instant lastModified) {
    /**
     * A validator whose tag is a digest of {@code seed} (such as run id, request URI and media
     * type).
     */
    static Validator of(String seed, @Nullable Instant lastModified) {
      return new Validator(tag(seed.getBytes(StandardCharsets.UTF_8)), lastModified);
    }

    /**
     * The validator of a representation of {@code run}: the run id, the request URI with its query
     * and the media type identify it; the run's creation time is its last modification.
     */
    static Validator forRun(HttpRequest<?> request, CachedRun run, String mediaType) {
      return of(
          run.runId() + " " + request.getUri() + " " + mediaType,
          run.published().run().createdAt());
    }

    /**
     * A validator whose tag is a digest of the body itself, for documents that do not depend on a
     * run.
     */
    static Validator ofContent(byte[] body) {
      return new Validator(tag(body), null);
    }

    private static String tag(byte[] bytes) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required of every Java platform", e);
      }
    }
  }

  /**
   * A 304 when the client's copy is current, else a 200 with {@code body}; both carry the cache
   * headers.
   *
   * @param contentType media type of the body
   */
  static MutableHttpResponse<byte[]> respond(
      HttpRequest<?> request, Validator validator, String contentType, Supplier<byte[]> body) {
    MutableHttpResponse<byte[]> response =
        isNotModified(request, validator)
            ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
            : HttpResponse.ok(body.get()).contentType(contentType);
    response.header(HttpHeaders.ETAG, validator.etag());
    response.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    response.header(HttpHeaders.VARY, VARY);
    if (validator.lastModified() != null) {
      response.header(HttpHeaders.LAST_MODIFIED, httpDate(validator.lastModified()));
    }
    return response;
  }

  private static boolean isNotModified(HttpRequest<?> request, Validator validator) {
    String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
    if (ifNoneMatch != null) {
      return matches(ifNoneMatch, validator.etag());
    }
    String ifModifiedSince = request.getHeaders().get(HttpHeaders.IF_MODIFIED_SINCE);
    if (ifModifiedSince == null || validator.lastModified() == null) {
      return false;
    }
    try {
      Instant since =
          ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !validator.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
    } catch (DateTimeParseException malformed) {
      // RFC 9110: a recipient ignores an invalid If-Modified-Since date.
      return false;
    }
  }

  /** Weak comparison of {@code etag} with each tag of an {@code If-None-Match} header. */
  private static boolean matches(String ifNoneMatch, String etag) {
    String opaque = opaque(etag);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || opaque(tag).equals(opaque)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }

  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }
}
