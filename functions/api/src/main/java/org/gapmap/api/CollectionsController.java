package org.gapmap.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The collections: one per region with a published run. Thread-safe. */
@Controller("/collections")
final class CollectionsController {
  private final RunCache runs;
  private final RequestUrls urls;

  CollectionsController(RunCache runs, RequestUrls urls) {
    this.runs = runs;
    this.urls = urls;
  }

  @Get(produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> collections(HttpRequest<?> request) {
    List<CachedRun> published = runs.published();
    String versions =
        published.stream()
            .map(run -> run.region().id() + "@" + run.runId())
            .collect(Collectors.joining(","));
    Instant lastModified =
        published.stream()
            .map(run -> run.published().run().createdAt())
            .max(Instant::compareTo)
            .orElse(null);
    return CachingHeaders.respond(
        request,
        CachingHeaders.Validator.of(versions + " " + request.getUri(), lastModified),
        ApiMediaTypes.JSON,
        () -> OgcDocuments.collections(urls.base(request), published));
  }

  @Get(uri = "/{regionId}", produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> collection(HttpRequest<?> request, @PathVariable String regionId) {
    CachedRun run =
        runs.current(regionId).orElseThrow(() -> ApiException.noSuchCollection(regionId));
    return CachingHeaders.respond(
        request,
        CachingHeaders.Validator.forRun(request, run, ApiMediaTypes.JSON),
        ApiMediaTypes.JSON,
        () -> OgcDocuments.collection(urls.base(request), run));
  }
}
