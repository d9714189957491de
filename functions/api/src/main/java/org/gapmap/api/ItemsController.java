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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a collection: pages of neighborhoods with their scores (GeoJSON, CSV, FlatGeobuf or
 * an HTML table), and single neighborhoods. Thread-safe.
 */
@Controller("/collections/{regionId}/items")
final class ItemsController {
  private static final OutputFormat[] PAGE_FORMATS = {
    OutputFormat.GEOJSON, OutputFormat.CSV, OutputFormat.FLATGEOBUF, OutputFormat.HTML
  };

  /** The response header naming the CRS of the coordinates (OGC API - Features Part 2). */
  static final String CONTENT_CRS = "Content-Crs";

  private final RunCache runs;
  private final RequestUrls urls;
  private final EncodedResponses encoded;

  ItemsController(RunCache runs, RequestUrls urls, EncodedResponses encoded) {
    this.runs = runs;
    this.urls = urls;
    this.encoded = encoded;
  }

  @Get(
      produces = {
        ApiMediaTypes.GEO_JSON,
        ApiMediaTypes.JSON,
        ApiMediaTypes.CSV,
        ApiMediaTypes.FLATGEOBUF,
        ApiMediaTypes.HTML
      })
  HttpResponse<byte[]> items(HttpRequest<?> request, @PathVariable String regionId) {
    ItemsQuery query = ItemsQuery.parse(request.getParameters().asMap());
    OutputFormat format = Negotiation.choose(request, query.f(), PAGE_FORMATS);
    if (format != OutputFormat.GEOJSON && query.crs() != ContentCrs.CRS84) {
      throw ApiException.invalidParameter(
          "crs applies to GeoJSON; " + format.title() + " is always in longitude and latitude");
    }
    CachedRun run = runs.resolve(regionId, query.run());
    String base = urls.base(request);
    MutableHttpResponse<byte[]> response =
        encoded.respond(
            request,
            base,
            run,
            format,
            () -> {
              ItemSelection.Page page = ItemSelection.select(run, query);
              String collection = OgcDocuments.collectionUrl(base, run);
              List<Link> links =
                  new ArrayList<>(
                      PagingLinks.of(
                          collection + "/items",
                          request.getUri().getRawQuery(),
                          query.offset(),
                          query.limit(),
                          page.matched()));
              return switch (format) {
                case CSV -> Downloads.csv(run, page);
                case FLATGEOBUF -> Downloads.flatGeobuf(run, page);
                case HTML -> HtmlPages.items(run, query.run() != null, page, query.offset(), links);
                default -> {
                  links.addAll(
                      PagingLinks.alternates(
                          collection + "/items", request.getUri().getRawQuery(), PAGE_FORMATS));
                  links.add(
                      new Link(collection, "collection", ApiMediaTypes.JSON, run.region().title()));
                  yield FeatureDocuments.featureCollection(run, query, page, links, Instant.now());
                }
              };
            });
    if (format == OutputFormat.CSV || format == OutputFormat.FLATGEOBUF) {
      response.header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(run, format, "-items"));
    } else if (format == OutputFormat.GEOJSON) {
      response.header(CONTENT_CRS, "<" + query.crs().uri() + ">");
    }
    return response;
  }

  @Get(
      uri = "/{featureId}",
      produces = {ApiMediaTypes.GEO_JSON, ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> item(
      HttpRequest<?> request,
      @PathVariable String regionId,
      @PathVariable String featureId,
      @Nullable @QueryValue("f") String f,
      @Nullable @QueryValue("run") String runId,
      @Nullable @QueryValue("crs") String crsUri) {
    OutputFormat format = Negotiation.choose(request, f, OutputFormat.GEOJSON, OutputFormat.HTML);
    ContentCrs crs = ItemsQuery.crs("crs", crsUri);
    CachedRun run = runs.resolve(regionId, runId);
    int index =
        run.indexOf(featureId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "no feature '" + featureId + "' in collection '" + regionId + "'"));
    String base = urls.base(request);
    MutableHttpResponse<byte[]> response =
        encoded.respond(
            request,
            base,
            run,
            format,
            () -> {
              if (format == OutputFormat.HTML) {
                return HtmlPages.item(run, runId != null, index);
              }
              String collection = OgcDocuments.collectionUrl(base, run);
              String self = collection + "/items/" + RequestUrls.segment(featureId);
              String pin = runId == null ? "" : "run=" + run.runId() + "&";
              List<Link> links =
                  List.of(
                      new Link(
                          self + "?" + pin + "f=json",
                          "self",
                          ApiMediaTypes.GEO_JSON,
                          run.feature(index).neighborhood().name()),
                      new Link(
                          self + "?" + pin + "f=html",
                          "alternate",
                          ApiMediaTypes.HTML,
                          run.feature(index).neighborhood().name()),
                      new Link(collection, "collection", ApiMediaTypes.JSON, run.region().title()));
              return FeatureDocuments.feature(run, index, crs, links);
            });
    if (format == OutputFormat.GEOJSON) {
      response.header(CONTENT_CRS, "<" + crs.uri() + ">");
    }
    return response;
  }
}
