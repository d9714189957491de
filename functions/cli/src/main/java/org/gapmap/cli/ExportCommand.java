package org.gapmap.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.gapmap.core.export.CsvExporter;
import org.gapmap.core.export.FlatGeobufExporter;
import org.gapmap.core.export.GeoJsonExporter;
import org.gapmap.core.export.SmallSampleSuppression;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.priorities.PriorityList;
import org.gapmap.core.publish.PublishedRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gapmap export}: write a region's current run as GeoJSON, CSV or FlatGeobuf. Statistics
 * from small samples are withheld as the run's profile says, as in the API, unless the data owner
 * asks for everything with {@code --no-suppression}: the exported file is then for their own use,
 * not for publication.
 */
@Command(
    name = "export",
    description =
        "Write a region's current run as GeoJSON (RFC 7946), CSV (spreadsheet-ready) or"
            + " FlatGeobuf (desktop GIS).")
final class ExportCommand implements Callable<Integer> {
  /** Output formats. */
  enum Format {
    geojson,
    csv,
    fgb
  }

  @Parameters(index = "0", paramLabel = "regionId")
  String regionId;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "geojson|csv|fgb",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  Format format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Output file (default: standard output).")
  Path out;

  @Option(
      names = "--top",
      paramLabel = "N",
      description =
          "Only the N top-ranked neighborhoods, in rank order, with their totals (a last CSV row;"
              + " households, population, household-weighted adoption).")
  Integer top;

  @Option(
      names = "--no-suppression",
      description =
          "Also write statistics computed from fewer observations than the profile's"
              + " minimum_sample (withheld by default, as in the API). For the data owner's own"
              + " use: do not publish the file.")
  boolean noSuppression;

  @Mixin DataDirOption data;
  @Mixin StoreOptions store;

  private final Console console;
  private PriorityList priorities;

  ExportCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    RegionId id = RegionId.of(regionId);
    try (LocalRuntime runtime = LocalRuntime.open(data.dataDir, store)) {
      Region region =
          runtime
              .store()
              .region(id)
              .orElseThrow(() -> new NoSuchElementException("no region " + id));
      PublishedRun run =
          PublishedRun.current(runtime.store(), region)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "region " + id + " has no published run yet: ingest and score first"));
      SmallSampleSuppression suppression =
          noSuppression ? SmallSampleSuppression.NONE : SmallSampleSuppression.of(run.profile());
      if (top != null) {
        if (top < 1) {
          throw new IllegalArgumentException("--top must be 1 or more, got " + top);
        }
        priorities = PriorityList.of(run, top, suppression);
        run = new PublishedRun(region, run.run(), priorities.features(), run.indicatorNames());
        Reports.totals(console, priorities);
      }
      if (out == null) {
        write(run, suppression, console.out());
        console.out().flush();
      } else {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
          write(run, suppression, file);
        }
        console.note("wrote " + run.features().size() + " features to " + out);
      }
      if (noSuppression) {
        console.note(
            "statistics from samples smaller than "
                + SmallSampleSuppression.of(run.profile()).k()
                + " are included (--no-suppression): keep this export private");
      }
    }
    return ExitCodes.OK;
  }

  private void write(PublishedRun run, SmallSampleSuppression suppression, OutputStream target)
      throws IOException {
    switch (format) {
      case geojson -> GeoJsonExporter.write(run, suppression, target);
      case csv ->
          CsvExporter.write(
              run,
              CsvExporter.ranked(run.features()),
              priorities == null ? null : priorities.totals(),
              suppression,
              target);
      case fgb -> FlatGeobufExporter.write(run, run.features(), suppression, target);
    }
  }
}
