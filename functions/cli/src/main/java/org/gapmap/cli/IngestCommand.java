package org.gapmap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gapmap.core.ingest.IngestOutcome;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gapmap ingest}: read one upload into a region, then rescore and publish. */
@Command(
    name = "ingest",
    description = {
      "Ingest one upload into a region, then rescore it with its current profile and publish a new run.",
      "Kinds: adoption (presets: nyc-imp, acs-b28002), points (CSV with latitude/longitude; --label names it),",
      "  bdc-fixed (FCC BDC fixed availability CSV; a tract crosswalk or h3_res8_id places rows),",
      "  measurements (speed tests: latitude, longitude, download_mbps, upload_mbps, ...),",
      "  mobile-coverage (GeoJSON/FlatGeobuf/GeoPackage polygons: technology, mindown, minup),",
      "  mobile-h3 (CSV: h3_res9_id|h3_res8_id|hex_id, technology, mindown, minup),",
      "  tiles (CSV or GeoJSON: quadkey, avg_d_kbps, avg_u_kbps, avg_lat_ms, tests).",
      "The same file twice changes nothing."
    })
final class IngestCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "regionId")
  String regionId;

  @Parameters(
      index = "1",
      paramLabel = "kind",
      description =
          "adoption | points | bdc-fixed | measurements | mobile-coverage | mobile-h3 | tiles")
  String kind;

  @Parameters(index = "2", paramLabel = "file", description = "The upload (gzip or zip accepted).")
  Path file;

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description = "Named column layout, e.g. nyc-imp.")
  String preset;

  @Option(
      names = "--map",
      paramLabel = "target=sourceColumn",
      description = "Map a field to the file's column, e.g. --map latitude=Lat; repeatable.")
  Map<String, String> columns = new LinkedHashMap<>();

  @Option(
      names = "--label",
      paramLabel = "L",
      description =
          "Label of a points upload, e.g. small_cells (indicators small_cells_count, small_cells_per_km2).")
  String label;

  @Option(
      names = "--attribution",
      paramLabel = "TEXT",
      description = "Source and licence of the data, carried with its indicators.")
  String attribution;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "The date the data describes (its vintage or release date), shown with every number it feeds.")
  java.time.LocalDate asOf;

  @Option(
      names = "--shards",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Read the file in N parallel shards (CSV of bdc-fixed, measurements, mobile-h3, points,"
              + " tiles); the result is the same.")
  int shards;

  @Option(names = "--no-score", description = "Only store the upload; do not rescore.")
  boolean noScore;

  @Mixin DataDirOption data;
  @Mixin StoreOptions store;

  private final Console console;

  IngestCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    RegionId id = RegionId.of(regionId);
    UploadKind uploadKind =
        UploadKind.fromName(kind)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown kind '"
                            + kind
                            + "'; kinds: "
                            + java.util.Arrays.toString(UploadKind.values())));
    InputSource input = InputSource.of(file);
    try (LocalRuntime runtime = LocalRuntime.open(data.dataDir, store);
        Progress progress = Progress.start("ingest " + file.getFileName(), input.size())) {
      IngestOutcome outcome =
          runtime
              .ingest()
              .ingest(
                  id,
                  uploadKind,
                  input,
                  new UploadOptions(preset, columns, label, attribution, asOf),
                  progress.listener(),
                  shards);
      Reports.ingested(console, outcome);
      if (!noScore && !outcome.alreadyIngested()) {
        Reports.published(
            console,
            runtime.store(),
            runtime.publisher().publish(id, ScoreCommand.currentProfile(runtime.store(), id)));
      }
    }
    return ExitCodes.OK;
  }
}
