package org.gapmap.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.RunDiff;

/**
 * The regions and their run history: every scoring is an immutable run, listed newest first with
 * its profile and inputs; any two published runs can be compared. Thread-safe.
 */
@Controller("/regions")
final class RegionsController {
  private static final Set<String> NO_PARAMETERS = Set.of("f");
  private static final List<String> JSON_ONLY = List.of("json");

  private final RunHistory history;
  private final RequestUrls urls;

  RegionsController(RunHistory history, RequestUrls urls) {
    this.history = history;
    this.urls = urls;
  }

  @Get(produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> regions(HttpRequest<?> request) {
    jsonOnly(request);
    byte[] body =
        RegionDocuments.write(
            RegionDocuments.regions(urls.base(request), history.store().regions()));
    return CachingHeaders.respond(
        request, CachingHeaders.Validator.ofContent(body), ApiMediaTypes.JSON, () -> body);
  }

  @Get(uri = "/{regionId}/runs", produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> runs(HttpRequest<?> request, @PathVariable String regionId) {
    jsonOnly(request);
    Region region = history.region(regionId);
    List<Run> runs = history.store().runs(region.id());
    byte[] body =
        RegionDocuments.write(
            RegionDocuments.runs(
                urls.base(request), region, runs, history.store().uploads(region.id())));
    Instant newest = runs.stream().map(Run::createdAt).max(Instant::compareTo).orElse(null);
    return CachingHeaders.respond(
        request,
        new CachingHeaders.Validator(CachingHeaders.Validator.ofContent(body).etag(), newest),
        ApiMediaTypes.JSON,
        () -> body);
  }

  @Get(uri = "/{regionId}/runs/{runId}", produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> run(
      HttpRequest<?> request, @PathVariable String regionId, @PathVariable String runId) {
    jsonOnly(request);
    Region region = history.region(regionId);
    Run run = history.anyRun(region, runId);
    Map<UploadId, UploadRecord> uploads = new HashMap<>();
    history.store().uploads(region.id()).forEach(u -> uploads.put(u.id(), u));
    byte[] body =
        RegionDocuments.write(RegionDocuments.run(urls.base(request), region, run, uploads, true));
    return CachingHeaders.respond(
        request,
        new CachingHeaders.Validator(
            CachingHeaders.Validator.ofContent(body).etag(), run.createdAt()),
        ApiMediaTypes.JSON,
        () -> body);
  }

  @Get(uri = "/{regionId}/runs/{from}/diff/{to}", produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> diff(
      HttpRequest<?> request,
      @PathVariable String regionId,
      @PathVariable String from,
      @PathVariable String to) {
    jsonOnly(request);
    Region region = history.region(regionId);
    PublishedRun a = history.run(region, from);
    PublishedRun b = history.run(region, to);
    Instant later =
        a.run().createdAt().isAfter(b.run().createdAt())
            ? a.run().createdAt()
            : b.run().createdAt();
    return CachingHeaders.respond(
        request,
        CachingHeaders.Validator.of(
            a.run().id() + " " + b.run().id() + " " + request.getUri(), later),
        ApiMediaTypes.JSON,
        () ->
            RegionDocuments.write(
                RegionDocuments.diff(urls.base(request), region, RunDiff.of(a, b))));
  }

  private static void jsonOnly(HttpRequest<?> request) {
    QueryParameters.of(request.getParameters().asMap(), NO_PARAMETERS).format(JSON_ONLY);
  }
}
