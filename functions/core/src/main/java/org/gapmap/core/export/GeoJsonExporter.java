package org.gapmap.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;

/**
 * Writes a whole published run as one RFC 7946 FeatureCollection file, for bulk download and
 * desktop GIS. Stateless and thread-safe.
 */
public final class GeoJsonExporter {
  private static final JsonFactory JSON = new JsonFactory();

  private GeoJsonExporter() {}

  /**
   * Writes {@code run} to {@code out}, which is flushed but left open, with statistics from small
   * samples withheld as the run's profile says.
   */
  public static void write(PublishedRun run, OutputStream out) throws IOException {
    write(run, SmallSampleSuppression.of(run.profile()), out);
  }

  /** Writes {@code run} to {@code out}, withholding what {@code suppression} withholds. */
  public static void write(PublishedRun run, SmallSampleSuppression suppression, OutputStream out)
      throws IOException {
    try (JsonGenerator g =
        JSON.createGenerator(out, JsonEncoding.UTF8)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeStringField("name", run.region().id().value());
      g.writeStringField("title", run.region().title());
      g.writeStringField("attribution", run.region().attribution());
      g.writeStringField("run_id", run.run().id().value());
      g.writeStringField("profile", run.run().profile());
      g.writeArrayFieldStart("features");
      for (ScoredFeature f : run.features()) {
        GeoJsonWriter.writeFeature(
            g,
            f.neighborhood().id().value(),
            f.neighborhood().geometry(),
            FeatureProperties.of(f, run, suppression));
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
