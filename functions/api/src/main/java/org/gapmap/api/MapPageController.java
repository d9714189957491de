package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

/**
 * The map page of one collection; the page itself reads the region, the run ({@code run=}) and the
 * embedding mode ({@code embed=1}) from its URL. Thread-safe.
 */
@Controller("/collections/{regionId}/map")
final class MapPageController {
  private final RunCache runs;
  private final MapPage mapPage;

  MapPageController(RunCache runs, MapPage mapPage) {
    this.runs = runs;
    this.mapPage = mapPage;
  }

  @Get(produces = ApiMediaTypes.HTML)
  HttpResponse<byte[]> map(
      HttpRequest<?> request,
      @PathVariable String regionId,
      @Nullable @QueryValue("run") String run) {
    runs.resolve(regionId, run);
    byte[] html = mapPage.html();
    return CachingHeaders.respond(
        request, CachingHeaders.Validator.ofContent(html), ApiMediaTypes.HTML_SENT, () -> html);
  }
}
