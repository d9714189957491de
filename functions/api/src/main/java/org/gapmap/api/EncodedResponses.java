package org.gapmap.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.gapmap.core.model.RunId;

/**
 * Responses of published runs, encoded (and gzip-compressed) once and kept: a run never changes, so
 * the same request for the same run gets the same bytes, and compressing a multi-megabyte
 * collection on every request would cap the server at a few requests a second (see
 * docs/benchmarks.md).
 *
 * <p>Entries are keyed by the representation's entity tag (run id, request URI, media type) and the
 * base URL its links were written with, and dropped least recently used first once they add up to
 * more than the budget: {@code gapmap.api.response-cache-bytes}, but at most an eighth of the
 * maximum heap. A body larger than a quarter of the budget is not kept: it is encoded per request
 * and the server compresses it on the fly. The responses of a run are dropped as soon as the {@link
 * RunCache} lets the run go ({@link #forget}): after a publish, the superseded run's pages are not
 * asked for again, and keeping them until the budget is full held hundreds of megabytes of dead
 * pages in a server that publishes often (see docs/reliability.md).
 *
 * <p>Thread-safe: the maps are guarded by {@code entries}; a body is encoded outside the lock, so
 * two concurrent first requests may both encode it, and one copy is kept.
 */
@Singleton
final class EncodedResponses {
  /** Bodies smaller than this are sent as they are (the server's compression threshold). */
  static final int COMPRESSION_THRESHOLD = 1024;

  /** The budget is at most the maximum heap divided by this. */
  static final int HEAP_SHARE = 8;

  private final long budget;
  private final Map<String, Encoded> entries = new LinkedHashMap<>(64, 0.75f, true);

  /** The keys of each run's entries. Guarded by {@code entries}. */
  private final Map<RunId, Set<String>> keysByRun = new HashMap<>();

  private long size;

  EncodedResponses(@Value("${gapmap.api.response-cache-bytes:268435456}") long budget) {
    this.budget = Math.min(budget, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
  }

  /**
   * A body with its gzip encoding, or {@code null} where compressing does not pay.
   *
   * @param run the run it represents, or {@code null} for one that depends on no single run
   */
  private record Encoded(byte[] identity, byte[] gzip, @Nullable RunId run) {
    long size() {
      return identity.length + (gzip == null ? 0 : gzip.length);
    }
  }

  /**
   * A 304 when the client's copy is current, else a 200 with the body {@code body} builds, taken
   * from the cache when there, gzip-compressed when the client accepts it.
   *
   * @param base the base URL the body's links are written with
   */
  MutableHttpResponse<byte[]> respond(
      HttpRequest<?> request,
      String base,
      CachingHeaders.Validator validator,
      String contentType,
      Supplier<byte[]> body) {
    return respond(request, base, validator, contentType, null, body);
  }

  private MutableHttpResponse<byte[]> respond(
      HttpRequest<?> request,
      String base,
      CachingHeaders.Validator validator,
      String contentType,
      @Nullable RunId run,
      Supplier<byte[]> body) {
    boolean gzip = acceptsGzip(request);
    Encoded[] encoded = new Encoded[1];
    MutableHttpResponse<byte[]> response =
        CachingHeaders.respond(
            request,
            validator,
            contentType,
            () -> {
              encoded[0] = encoded(validator.etag() + " " + base, run, body);
              return gzip && encoded[0].gzip() != null ? encoded[0].gzip() : encoded[0].identity();
            });
    if (gzip && encoded[0] != null && encoded[0].gzip() != null) {
      // The server leaves a response alone that already has a Content-Encoding.
      response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
    }
    return response;
  }

  /**
   * {@link #respond} for a representation of {@code run} in {@code format}, validated by the run
   * and the request.
   */
  MutableHttpResponse<byte[]> respond(
      HttpRequest<?> request,
      String base,
      CachedRun run,
      OutputFormat format,
      Supplier<byte[]> body) {
    return respond(
        request,
        base,
        CachingHeaders.Validator.forRun(request, run, format.mediaType()),
        format.contentType(),
        run.runId(),
        body);
  }

  /** Drops every kept response of {@code run}. */
  void forget(RunId run) {
    synchronized (entries) {
      Set<String> keys = keysByRun.remove(run);
      if (keys != null) {
        for (String key : keys) {
          Encoded dropped = entries.remove(key);
          if (dropped != null) {
            size -= dropped.size();
          }
        }
      }
    }
  }

  /** The bytes kept, identity and gzip bodies together. */
  long size() {
    synchronized (entries) {
      return size;
    }
  }

  long budget() {
    return budget;
  }

  /** The runs that have responses kept. */
  Set<RunId> runsKept() {
    synchronized (entries) {
      return Set.copyOf(keysByRun.keySet());
    }
  }

  private Encoded encoded(String key, @Nullable RunId run, Supplier<byte[]> body) {
    synchronized (entries) {
      Encoded cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    byte[] identity = body.get();
    if (identity.length > budget / 4) {
      return new Encoded(identity, null, run);
    }
    Encoded fresh = new Encoded(identity, gzip(identity), run);
    synchronized (entries) {
      Encoded raced = entries.putIfAbsent(key, fresh);
      if (raced != null) {
        return raced;
      }
      size += fresh.size();
      if (run != null) {
        keysByRun.computeIfAbsent(run, r -> new HashSet<>()).add(key);
      }
      var eldest = entries.entrySet().iterator();
      while (size > budget && eldest.hasNext()) {
        Map.Entry<String, Encoded> dropped = eldest.next();
        if (dropped.getValue() == fresh) {
          break;
        }
        size -= dropped.getValue().size();
        eldest.remove();
        untrack(dropped.getKey(), dropped.getValue().run());
      }
    }
    return fresh;
  }

  /** Forgets that {@code key} belongs to {@code run}. Hold the lock of {@code entries}. */
  private void untrack(String key, @Nullable RunId run) {
    if (run == null) {
      return;
    }
    Set<String> keys = keysByRun.get(run);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        keysByRun.remove(run);
      }
    }
  }

  private static byte[] gzip(byte[] identity) {
    if (identity.length < COMPRESSION_THRESHOLD) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(identity.length / 4);
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out, 64 * 1024) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        }) {
      gzip.write(identity);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compress in memory", e);
    }
    byte[] compressed = out.toByteArray();
    return compressed.length < identity.length ? compressed : null;
  }

  /** Whether {@code Accept-Encoding} admits gzip (not {@code gzip;q=0}). */
  static boolean acceptsGzip(HttpRequest<?> request) {
    for (String header : request.getHeaders().getAll(HttpHeaders.ACCEPT_ENCODING)) {
      for (String coding : header.split(",")) {
        String[] parts = coding.trim().toLowerCase(Locale.ROOT).split(";");
        String name = parts[0].trim();
        if (name.equals("gzip") || name.equals("x-gzip") || name.equals("*")) {
          boolean refused = false;
          for (int i = 1; i < parts.length; i++) {
            refused |= parts[i].trim().matches("q=0(\\.0*)?");
          }
          return !refused;
        }
      }
    }
    return false;
  }
}
