package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/**
 * The landing page (the map for browsers, the OGC landing document otherwise), the conformance
 * declaration and the API definition. Thread-safe.
 */
@Controller
final class LandingController {
  private final RequestUrls urls;
  private final MapPage mapPage;
  private final RunCache runs;

  LandingController(RequestUrls urls, MapPage mapPage, RunCache runs) {
    this.urls = urls;
    this.mapPage = mapPage;
    this.runs = runs;
  }

  @Get(
      uri = "/",
      produces = {ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> landing(HttpRequest<?> request, @Nullable @QueryValue("f") String f) {
    if (Negotiation.choose(request, f, OutputFormat.JSON, OutputFormat.HTML) == OutputFormat.HTML) {
      return fixed(request, OutputFormat.HTML, mapPage.html());
    }
    return fixed(request, OutputFormat.JSON, OgcDocuments.landing(urls.base(request)));
  }

  @Get(
      uri = "/conformance",
      produces = {ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> conformance(HttpRequest<?> request, @Nullable @QueryValue("f") String f) {
    if (Negotiation.choose(request, f, OutputFormat.JSON, OutputFormat.HTML) == OutputFormat.HTML) {
      return fixed(request, OutputFormat.HTML, HtmlPages.conformance(OgcDocuments.CONFORMANCE));
    }
    return fixed(request, OutputFormat.JSON, OgcDocuments.conformance(urls.base(request)));
  }

  @Get(
      uri = "/api",
      produces = {ApiMediaTypes.OPENAPI, ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> api(HttpRequest<?> request, @Nullable @QueryValue("f") String f) {
    if (Negotiation.choose(request, f, OutputFormat.OPENAPI, OutputFormat.HTML)
        == OutputFormat.HTML) {
      return fixed(request, OutputFormat.HTML, HtmlPages.api(OpenApiDocument.operations()));
    }
    return fixed(
        request,
        OutputFormat.OPENAPI,
        OpenApiDocument.json(
            urls.base(request),
            runs.published().stream().map(run -> run.region().id().value()).toList()));
  }

  /** A document that depends on nothing but its bytes, validated by their digest. */
  private static HttpResponse<byte[]> fixed(
      HttpRequest<?> request, OutputFormat format, byte[] body) {
    return CachingHeaders.respond(
        request, CachingHeaders.Validator.ofContent(body), format.contentType(), () -> body);
  }
}
