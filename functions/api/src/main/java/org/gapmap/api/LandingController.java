package org.gapmap.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

/**
 * The landing page (the map for browsers, the OGC landing document otherwise) and the conformance
 * declaration. Stateless and thread-safe.
 */
@Controller
final class LandingController {
  private final RequestUrls urls;
  private final MapPage mapPage;

  LandingController(RequestUrls urls, MapPage mapPage) {
    this.urls = urls;
    this.mapPage = mapPage;
  }

  @Get(
      uri = "/",
      produces = {ApiMediaTypes.JSON, ApiMediaTypes.HTML})
  HttpResponse<byte[]> landing(HttpRequest<?> request, @Nullable @QueryValue("f") String f) {
    if (Negotiation.wantsHtml(request, f)) {
      byte[] html = mapPage.html();
      return CachingHeaders.respond(
          request,
          CachingHeaders.Validator.ofContent(html),
          ApiMediaTypes.HTML + ";charset=utf-8",
          () -> html);
    }
    byte[] json = OgcDocuments.landing(urls.base(request));
    return CachingHeaders.respond(
        request, CachingHeaders.Validator.ofContent(json), ApiMediaTypes.JSON, () -> json);
  }

  @Get(uri = "/conformance", produces = ApiMediaTypes.JSON)
  HttpResponse<byte[]> conformance(HttpRequest<?> request) {
    byte[] json = OgcDocuments.conformance();
    return CachingHeaders.respond(
        request, CachingHeaders.Validator.ofContent(json), ApiMediaTypes.JSON, () -> json);
  }
}
