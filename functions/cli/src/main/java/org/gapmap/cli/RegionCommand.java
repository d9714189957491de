package org.gapmap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.region.CrosswalkRegistrar;
import org.gapmap.core.region.ImportedRegion;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.UnrankedCondition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gapmap region ...}: register and list regions. */
@Command(
    name = "region",
    description = "Register and list regions (sets of neighborhood polygons).",
    subcommands = {
      RegionCommand.Add.class,
      RegionCommand.CrosswalkCommand.class,
      RegionCommand.ListRegions.class
    })
final class RegionCommand {

  /** {@code gapmap region add}. */
  @Command(
      name = "add",
      description =
          "Register a region from a GeoJSON, FlatGeobuf or GeoPackage file of neighborhood polygons.")
  static final class Add implements Callable<Integer> {
    @Parameters(
        index = "0",
        paramLabel = "regionId",
        description = "Id of the new region, e.g. nyc-nta2020.")
    String regionId;

    @Parameters(
        index = "1",
        paramLabel = "neighborhoods-file",
        description =
            "GeoJSON FeatureCollection, FlatGeobuf (.fgb) or GeoPackage (.gpkg), told apart by their"
                + " first bytes; projected coordinates (an EPSG CRS) are reprojected to WGS84; gzip or zip"
                + " accepted.")
    Path file;

    @Option(
        names = "--id-property",
        required = true,
        paramLabel = "P",
        description = "Property holding the neighborhood id.")
    String idProperty;

    @Option(
        names = "--name-property",
        required = true,
        paramLabel = "P",
        description = "Property holding the neighborhood name.")
    String nameProperty;

    @Option(
        names = "--borough-property",
        paramLabel = "P",
        description =
            "Property holding the borough or district (default: BoroName, borough, county, ... when present).")
    String boroughProperty;

    @Option(names = "--title", paramLabel = "T", description = "Human-readable title.")
    String title;

    @Option(
        names = "--attribution",
        paramLabel = "TEXT",
        description = "Source and licence of the polygons, shown with the data.")
    String attribution;

    @Option(
        names = "--unranked",
        paramLabel = "CONDITION",
        description = {
          "Keep matching neighborhoods on the map but out of the ranking; repeatable.",
          "PROPERTY=VALUE, PROPERTY!=VALUE, or PROPERTY~REGEX (whole value); 'id' is the neighborhood id.",
          "Examples: NTAType!=0   NTACode~.*(98|99)"
        })
    List<String> unranked = new ArrayList<>();

    @Mixin DataDirOption data;
    @Mixin StoreOptions store;

    private final Console console;

    Add(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      RegionId id = RegionId.of(regionId);
      List<UnrankedCondition> conditions = unranked.stream().map(UnrankedCondition::parse).toList();
      try (LocalRuntime runtime = LocalRuntime.open(data.dataDir, store)) {
        ImportedRegion imported =
            runtime
                .regions()
                .register(
                    id,
                    title,
                    attribution,
                    InputSource.of(file),
                    new RegionImportOptions(idProperty, nameProperty, boroughProperty, conditions));
        console.result(
            "registered region "
                + id
                + ": "
                + imported.neighborhoods().size()
                + " neighborhoods, "
                + imported.rankedCount()
                + " ranked");
        console.notes("notes:", imported.notes());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code gapmap region crosswalk}. */
  @Command(
      name = "crosswalk",
      description = {
        "Register a crosswalk table with a region, e.g. census tract GEOID -> neighborhood id,",
        "so bdc-fixed rows reach neighborhoods through block_geoid (its first 11 digits).",
        "A new crosswalk of the same name replaces the old one; stored uploads keep their values."
      })
  static final class CrosswalkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "regionId")
    String regionId;

    @Parameters(index = "1", paramLabel = "file", description = "CSV (gzip or zip accepted).")
    Path file;

    @Option(
        names = "--from-column",
        required = true,
        paramLabel = "C",
        description = "Column holding the keys, e.g. GEOID (11-digit tract GEOIDs).")
    String fromColumn;

    @Option(
        names = "--to-column",
        required = true,
        paramLabel = "C",
        description = "Column holding the region's neighborhood ids, e.g. NTACode.")
    String toColumn;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        defaultValue = Crosswalk.TRACT,
        description =
            "What the keys are (default: ${DEFAULT-VALUE}; tract keys must be 11 digits).")
    String name;

    @Mixin DataDirOption data;

    private final Console console;

    CrosswalkCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      RegionId id = RegionId.of(regionId);
      try (LocalRuntime runtime = LocalRuntime.open(data.dataDir)) {
        CrosswalkRegistrar.Registered registered =
            runtime.crosswalks().register(id, name, InputSource.of(file), fromColumn, toColumn);
        console.result(
            "registered crosswalk "
                + name
                + " of region "
                + id
                + ": "
                + registered.crosswalk().size()
                + " keys");
        console.notes("notes:", registered.notes());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code gapmap region list}. */
  @Command(name = "list", description = "List registered regions and their current runs.")
  static final class ListRegions implements Callable<Integer> {
    @Mixin DataDirOption data;
    @Mixin StoreOptions store;

    private final Console console;

    ListRegions(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      try (LocalRuntime runtime = LocalRuntime.open(data.dataDir, store)) {
        for (Region r : runtime.store().regions()) {
          console.result(
              r.id()
                  + "\t"
                  + r.neighborhoodCount()
                  + " neighborhoods\tcurrent run "
                  + r.currentRun().map(Object::toString).orElse("(none)")
                  + "\t"
                  + r.title());
        }
      }
      return ExitCodes.OK;
    }
  }
}
