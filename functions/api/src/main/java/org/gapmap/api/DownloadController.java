package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.Set;

/**
 * Every neighborhood of a run in one file, as the collection's {@code enclosure} links offer it:
 * GeoJSON, CSV or FlatGeobuf, sent as an attachment. Thread-safe.
 */
@Controller("/collections/{regionId}/download")
final class DownloadController {
  private static final Set<String> PARAMETERS = Set.of("f", "run");

  private final RunCache runs;
  private final RequestUrls urls;
  private final EncodedResponses encoded;

  DownloadController(RunCache runs, RequestUrls urls, EncodedResponses encoded) {
    this.runs = runs;
    this.urls = urls;
    this.encoded = encoded;
  }

  @Get(produces = {ApiMediaTypes.GEO_JSON, ApiMediaTypes.CSV, ApiMediaTypes.FLATGEOBUF})
  HttpResponse<byte[]> download(
      HttpRequest<?> request,
      @PathVariable String regionId,
      @Nullable @QueryValue("f") String f,
      @Nullable @QueryValue("run") String runId) {
    for (String name : request.getParameters().names()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiException.unknownParameter(name);
      }
    }
    OutputFormat format =
        Negotiation.choose(
            request, f, OutputFormat.GEOJSON, OutputFormat.CSV, OutputFormat.FLATGEOBUF);
    CachedRun run = runs.resolve(regionId, runId);
    MutableHttpResponse<byte[]> response =
        encoded.respond(
            request, urls.base(request), run, format, () -> Downloads.whole(run, format));
    return response.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(run, format, ""));
  }
}
