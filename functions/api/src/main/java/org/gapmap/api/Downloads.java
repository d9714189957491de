package org.gapmap.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.export.CsvExporter;
import org.gapmap.core.export.FlatGeobufExporter;
import org.gapmap.core.export.GeoJsonExporter;
import org.gapmap.core.publish.ScoredFeature;

/**
 * The file formats of the core exporters, for a page of items or a whole run. Stateless and
 * thread-safe.
 */
final class Downloads {
  private Downloads() {}

  /**
   * Every feature of {@code run}: GeoJSON in id order, CSV in rank order, FlatGeobuf in id order.
   */
  static byte[] whole(CachedRun run, OutputFormat format) {
    return write(
        out -> {
          switch (format) {
            case CSV -> CsvExporter.write(run.published(), out);
            case FLATGEOBUF -> FlatGeobufExporter.write(run.published(), out);
            default -> GeoJsonExporter.write(run.published(), out);
          }
        });
  }

  /** The page's features as CSV, in the page's order. */
  static byte[] csv(CachedRun run, ItemSelection.Page page) {
    return write(out -> CsvExporter.write(run.published(), features(run, page), out));
  }

  /** The page's features as FlatGeobuf, in the page's order. */
  static byte[] flatGeobuf(CachedRun run, ItemSelection.Page page) {
    return write(out -> FlatGeobufExporter.write(run.published(), features(run, page), out));
  }

  /** A {@code Content-Disposition} naming the file after the region, run and format. */
  static String attachment(CachedRun run, OutputFormat format, String suffix) {
    return "attachment; filename=\""
        + run.region().id().value()
        + "-"
        + run.runId().value().replace(':', '-')
        + suffix
        + "."
        + format.extension()
        + "\"";
  }

  private static List<ScoredFeature> features(CachedRun run, ItemSelection.Page page) {
    List<ScoredFeature> features = new ArrayList<>(page.returned());
    page.indices().forEach(i -> features.add(run.feature(i)));
    return features;
  }

  @FunctionalInterface
  private interface Writing {
    void to(ByteArrayOutputStream out) throws IOException;
  }

  private static byte[] write(Writing writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try {
      writing.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to memory", e);
    }
    return out.toByteArray();
  }
}
