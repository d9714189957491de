package org.gapmap.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a collection: pages of neighborhoods with their scores, and single neighborhoods.
 * Thread-safe.
 */
@Controller("/collections/{regionId}/items")
final class ItemsController {
  private final RunCache runs;
  private final RequestUrls urls;

  ItemsController(RunCache runs, RequestUrls urls) {
    this.runs = runs;
    this.urls = urls;
  }

  @Get(produces = {ApiMediaTypes.GEO_JSON, ApiMediaTypes.JSON})
  HttpResponse<byte[]> items(HttpRequest<?> request, @PathVariable String regionId) {
    CachedRun run =
        runs.current(regionId).orElseThrow(() -> ApiException.noSuchCollection(regionId));
    ItemsQuery query = ItemsQuery.parse(request.getParameters().asMap());
    return CachingHeaders.respond(
        request,
        CachingHeaders.Validator.forRun(request, run, ApiMediaTypes.GEO_JSON),
        ApiMediaTypes.GEO_JSON,
        () -> {
          ItemSelection.Page page = ItemSelection.select(run, query);
          String collection = collectionUrl(request, regionId);
          List<Link> links =
              new ArrayList<>(
                  PagingLinks.of(
                      collection + "/items",
                      request.getUri().getRawQuery(),
                      query.offset(),
                      query.limit(),
                      page.matched()));
          links.add(new Link(collection, "collection", ApiMediaTypes.JSON, run.region().title()));
          return FeatureDocuments.featureCollection(run, query, page, links, Instant.now());
        });
  }

  @Get(
      uri = "/{featureId}",
      produces = {ApiMediaTypes.GEO_JSON, ApiMediaTypes.JSON})
  HttpResponse<byte[]> item(
      HttpRequest<?> request, @PathVariable String regionId, @PathVariable String featureId) {
    CachedRun run =
        runs.current(regionId).orElseThrow(() -> ApiException.noSuchCollection(regionId));
    int index =
        run.indexOf(featureId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no feature '" + featureId + "' in collection '" + regionId + "'"));
    return CachingHeaders.respond(
        request,
        CachingHeaders.Validator.forRun(request, run, ApiMediaTypes.GEO_JSON),
        ApiMediaTypes.GEO_JSON,
        () -> {
          String collection = collectionUrl(request, regionId);
          List<Link> links =
              List.of(
                  new Link(
                      collection + "/items/" + RequestUrls.segment(featureId),
                      "self",
                      ApiMediaTypes.GEO_JSON,
                      run.feature(index).neighborhood().name()),
                  new Link(collection, "collection", ApiMediaTypes.JSON, run.region().title()));
          return FeatureDocuments.feature(run, index, links);
        });
  }

  private String collectionUrl(HttpRequest<?> request, String regionId) {
    return urls.base(request) + "/collections/" + RequestUrls.segment(regionId);
  }
}
