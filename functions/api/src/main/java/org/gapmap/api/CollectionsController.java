package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The collections: one per region with a published run. Thread-safe. */
@Controller("/collections")
final class CollectionsController {
  private final RunCache runs;
  private final RequestUrls urls;
  private final EncodedResponses encoded;

  CollectionsController(RunCache runs, RequestUrls urls, EncodedResponses encoded) {
    this.runs = runs;
    this.urls = urls;
    this.encoded = encoded;
  }

  @Get(produces = {ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> collections(HttpRequest<?> request, @Nullable @QueryValue("f") String f) {
    OutputFormat format = Negotiation.choose(request, f, OutputFormat.JSON, OutputFormat.HTML);
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
    String base = urls.base(request);
    return encoded.respond(
        request,
        base,
        CachingHeaders.Validator.of(
            versions + " " + request.getUri() + " " + format.mediaType(), lastModified),
        format.contentType(),
        () ->
            format == OutputFormat.HTML
                ? HtmlPages.collections(published)
                : OgcDocuments.collections(base, published));
  }

  @Get(
      uri = "/{regionId}",
      produces = {ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> collection(
      HttpRequest<?> request,
      @PathVariable String regionId,
      @Nullable @QueryValue("f") String f,
      @Nullable @QueryValue("run") String run) {
    OutputFormat format = Negotiation.choose(request, f, OutputFormat.JSON, OutputFormat.HTML);
    CachedRun cached = runs.resolve(regionId, run);
    String base = urls.base(request);
    return encoded.respond(
        request,
        base,
        cached,
        format,
        () ->
            format == OutputFormat.HTML
                ? HtmlPages.collection(cached, run != null)
                : OgcDocuments.collection(base, cached, run != null));
  }
}
