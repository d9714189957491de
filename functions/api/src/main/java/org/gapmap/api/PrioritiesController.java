package org.gapmap.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.gapmap.core.model.Region;
import org.gapmap.core.priorities.PriorityCsv;
import org.gapmap.core.priorities.PriorityList;
import org.gapmap.core.publish.PublishedRun;

/**
 * A region's priority list: the top N ranked neighborhoods of the current run (or of {@code
 * run=<runId>}) with the households affected, the top three reasons in words and totals for the
 * selection; {@code f=csv} gives the same as a spreadsheet-ready table. Thread-safe.
 */
@Controller("/regions/{regionId}/priorities")
final class PrioritiesController {
  static final int DEFAULT_TOP = 10;
  static final int MAX_TOP = 10_000;
  static final String CSV = "text/csv; charset=utf-8";
  private static final Set<String> PARAMETERS = Set.of("top", "run", "f");
  private static final List<String> FORMATS = List.of("json", "csv");

  private final RunHistory history;
  private final RequestUrls urls;

  PrioritiesController(RunHistory history, RequestUrls urls) {
    this.history = history;
    this.urls = urls;
  }

  @Get(produces = {ApiMediaTypes.JSON, "text/csv"})
  HttpResponse<byte[]> priorities(HttpRequest<?> request, @PathVariable String regionId) {
    QueryParameters query = QueryParameters.of(request.getParameters().asMap(), PARAMETERS);
    int top = query.integer("top", DEFAULT_TOP, 1, MAX_TOP);
    String format = query.format(FORMATS);
    Region region = history.region(regionId);
    String runId = query.get("run");
    PublishedRun run = runId == null ? history.current(region) : history.run(region, runId);
    String type = format.equals("csv") ? CSV : ApiMediaTypes.JSON;
    MutableHttpResponse<byte[]> response =
        CachingHeaders.respond(
            request,
            CachingHeaders.Validator.of(
                run.run().id() + " " + request.getUri() + " " + type, run.run().createdAt()),
            type,
            () -> {
              PriorityList list = PriorityList.of(run, top);
              if (format.equals("csv")) {
                return csv(list);
              }
              return RegionDocuments.write(
                  RegionDocuments.priorities(urls.self(request), region, list));
            });
    if (format.equals("csv")) {
      response.header(
          HttpHeaders.CONTENT_DISPOSITION,
          "attachment; filename=\""
              + region.id().value()
              + "-priorities-top"
              + top
              + "-"
              + run.run().id().value().replace(".", "")
              + ".csv\"");
    }
    return response;
  }

  private static byte[] csv(PriorityList list) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      PriorityCsv.write(list, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
