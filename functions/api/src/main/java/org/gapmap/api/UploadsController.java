package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.gapmap.core.ingest.IngestOutcome;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.StoreConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /regions/{regionId}/uploads?kind=...}: the authenticated write of the local server.
 * The body is streamed to a private temporary file under a size cap, then ingested and published
 * exactly as {@code gapmap ingest} does (the same {@link IngestService} and {@link RunPublisher}).
 *
 * <p>Checks, in order: the bearer token (401 missing, 403 wrong or writes disabled), the content
 * type (415), the parameters (400), the body size (413), the input (422, naming line and column).
 * Answers 201 with the upload summary and the new run, or 200 when the same bytes were ingested
 * before. Uploads are serialized: thread-safe, one ingest at a time per server.
 */
@Controller("/regions/{regionId}/uploads")
final class UploadsController {
  private static final Logger LOG = LoggerFactory.getLogger(UploadsController.class);
  private static final Set<String> ACCEPTED_TYPES =
      Set.of(
          "text/csv",
          "text/plain",
          "application/json",
          "application/geo+json",
          "application/gzip",
          "application/x-gzip",
          "application/zip",
          "application/octet-stream",
          "application/flatgeobuf",
          "application/geopackage+sqlite3");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final int MAX_PARAMETER_CHARS = 500;

  private final ScoreStore store;
  private final WriteAccess access;
  private final UploadLimits limits;
  private final ReentrantLock writes = new ReentrantLock();

  /**
   * A context without write access or limits (such as the Lambda API's) refuses every upload, so
   * writes exist only where a token was configured.
   */
  UploadsController(ScoreStore store, @Nullable WriteAccess access, @Nullable UploadLimits limits) {
    this.store = store;
    this.access = access == null ? WriteAccess.disabled() : access;
    this.limits = limits == null ? UploadLimits.DEFAULT : limits;
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  @ExecuteOn(TaskExecutors.BLOCKING)
  HttpResponse<byte[]> upload(
      HttpRequest<?> request,
      @PathVariable String regionId,
      @QueryValue @Nullable String kind,
      @QueryValue @Nullable String preset,
      @QueryValue @Nullable String label,
      @QueryValue @Nullable String attribution,
      @QueryValue("as-of") @Nullable String asOf,
      @QueryValue @Nullable String name,
      @Body InputStream body) {
    authorize(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    checkContentType(request);
    RegionId region = regionId(regionId);
    UploadKind uploadKind = kind(kind);
    UploadOptions options =
        new UploadOptions(
            parameter("preset", preset),
            Map.of(),
            parameter("label", label),
            parameter("attribution", attribution),
            date(asOf));
    String sourceName = sourceName(name);
    Path file = receive(request, body);
    try {
      writes.lock();
      try {
        return ingest(region, uploadKind, sourceName, file, options);
      } finally {
        writes.unlock();
      }
    } finally {
      delete(file);
    }
  }

  @Error(exception = UploadRejection.class)
  HttpResponse<byte[]> rejected(UploadRejection e) {
    // The body may not have been read to its end: the connection cannot carry another request.
    return HttpResponse.<byte[]>status(e.status())
        .header(HttpHeaders.CONNECTION, "close")
        .body(ErrorBodies.of(e.code(), e.getMessage()))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private HttpResponse<byte[]> ingest(
      RegionId region, UploadKind kind, String sourceName, Path file, UploadOptions options) {
    InputSource input =
        new InputSource(sourceName, () -> Files.newInputStream(file), size(file))
            .withDecodedLimit(limits.maxDecodedBytes());
    Clock clock = Clock.systemUTC();
    IngestOutcome outcome;
    try {
      outcome =
          new IngestService(store, clock)
              .ingest(region, kind, input, options, ProgressListener.NONE);
    } catch (InputRejectedException e) {
      throw new UploadRejection(HttpStatus.UNPROCESSABLE_ENTITY, "InputRejected", e.getMessage());
    } catch (NoSuchElementException e) {
      throw new UploadRejection(HttpStatus.NOT_FOUND, "NotFound", "no region '" + region + "'");
    } catch (IllegalArgumentException e) {
      throw new UploadRejection(HttpStatus.BAD_REQUEST, "InvalidParameterValue", e.getMessage());
    }
    Run run = outcome.alreadyIngested() ? null : publish(region);
    byte[] body = UploadDocuments.write(region, outcome.upload(), outcome.alreadyIngested(), run);
    return HttpResponse.<byte[]>status(
            outcome.alreadyIngested() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(body)
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private Run publish(RegionId region) {
    RunPublisher publisher = new RunPublisher(store, Clock.systemUTC());
    for (int attempt = 1; ; attempt++) {
      try {
        return publisher.publish(region, currentProfile(region));
      } catch (StoreConflictException e) {
        if (attempt >= 3) {
          throw e;
        }
        LOG.info("run of {} published concurrently; publishing again", region);
      } catch (IllegalStateException e) {
        // the upload is stored, but the region has nothing to score yet: no new run
        LOG.info("upload stored in {}, nothing to publish: {}", region, e.getMessage());
        return null;
      }
    }
  }

  private ScoringProfile currentProfile(RegionId id) {
    return store
        .region(id)
        .flatMap(r -> r.currentRun().flatMap(runId -> store.run(id, runId)))
        .flatMap(
            run -> ScoringProfiles.of(run).or(() -> ScoringProfiles.builtIn(run.profileName())))
        .or(() -> ScoringProfiles.builtIn(ScoringProfiles.DEFAULT))
        .orElseThrow();
  }

  private void authorize(@Nullable String authorization) {
    switch (access.check(authorization)) {
      case GRANTED -> {}
      case MISSING ->
          throw new UploadRejection(
              HttpStatus.UNAUTHORIZED,
              "Unauthorized",
              "uploads need 'Authorization: Bearer <write token>'");
      case WRONG ->
          throw new UploadRejection(
              HttpStatus.FORBIDDEN, "Forbidden", "the write token is not valid");
      case DISABLED ->
          throw new UploadRejection(
              HttpStatus.FORBIDDEN,
              "Forbidden",
              "this server accepts no uploads: start it with a write token");
    }
  }

  private static void checkContentType(HttpRequest<?> request) {
    String type =
        request
            .getContentType()
            .map(t -> t.getName().toLowerCase(java.util.Locale.ROOT))
            .orElse("");
    if (!ACCEPTED_TYPES.contains(type)) {
      throw new UploadRejection(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "UnsupportedMediaType",
          "uploads must be sent as one of "
              + String.join(", ", ACCEPTED_TYPES.stream().sorted().toList()));
    }
  }

  private static RegionId regionId(String value) {
    try {
      return RegionId.of(value);
    } catch (IllegalArgumentException e) {
      throw new UploadRejection(HttpStatus.BAD_REQUEST, "InvalidParameterValue", e.getMessage());
    }
  }

  private static UploadKind kind(@Nullable String kind) {
    if (kind == null || kind.isBlank()) {
      throw new UploadRejection(
          HttpStatus.BAD_REQUEST,
          "MissingParameterValue",
          "query parameter 'kind' is required: " + kinds());
    }
    return UploadKind.fromName(kind)
        .orElseThrow(
            () ->
                new UploadRejection(
                    HttpStatus.BAD_REQUEST,
                    "InvalidParameterValue",
                    "unknown kind '" + clip(kind) + "'; kinds: " + kinds()));
  }

  private static String kinds() {
    return String.join(", ", Arrays.stream(UploadKind.values()).map(UploadKind::cliName).toList());
  }

  private static @Nullable String parameter(String name, @Nullable String value) {
    if (value != null && value.length() > MAX_PARAMETER_CHARS) {
      throw new UploadRejection(
          HttpStatus.BAD_REQUEST,
          "InvalidParameterValue",
          "query parameter '" + name + "' is longer than " + MAX_PARAMETER_CHARS + " characters");
    }
    return value;
  }

  private static @Nullable LocalDate date(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UploadRejection(
          HttpStatus.BAD_REQUEST,
          "InvalidParameterValue",
          "'as-of' must be a date YYYY-MM-DD, found '" + clip(value) + "'");
    }
  }

  private static String sourceName(@Nullable String name) {
    if (name == null) {
      return "upload";
    }
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new UploadRejection(
          HttpStatus.BAD_REQUEST,
          "InvalidParameterValue",
          "'name' must be a file name of letters, digits, '.', '_' and '-' (at most 100)");
    }
    return name;
  }

  /** Streams the body to a private temporary file, refusing it past the size limit. */
  private Path receive(HttpRequest<?> request, InputStream body) {
    long declared = request.getContentLength();
    if (declared > limits.maxBodyBytes()) {
      throw tooLarge();
    }
    Path file;
    try {
      file = Files.createTempFile("gapmap-upload-", ".bin");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for an upload", e);
    }
    try (InputStream in = body;
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > limits.maxBodyBytes()) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
      if (total == 0) {
        throw new UploadRejection(
            HttpStatus.BAD_REQUEST, "EmptyBody", "the upload is empty: send the file as the body");
      }
      return file;
    } catch (IOException e) {
      delete(file);
      throw new UploadRejection(
          HttpStatus.BAD_REQUEST, "InvalidRequest", "the upload body could not be read");
    } catch (RuntimeException e) {
      delete(file);
      throw e;
    }
  }

  private UploadRejection tooLarge() {
    return new UploadRejection(
        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "PayloadTooLarge",
        "uploads are limited to " + limits.maxBodyBytes() + " bytes");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a received upload", e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("could not delete a temporary upload file: {}", e.toString());
    }
  }

  private static String clip(String value) {
    String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return v.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
