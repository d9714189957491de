package org.gapmap.cli;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.region.CrosswalkRegistrar;
import org.gapmap.core.region.ImportedRegion;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.UnrankedCondition;
import org.gapmap.core.score.ScoringProfiles;

/**
 * The New York City demo regions, seeded from the files the geodata module ships: the 195 NTA 2010
 * neighborhoods with the Internet Master Plan adoption table and the small-cell pole locations, and
 * the 262 NTA 2020 neighborhoods with the census tract crosswalk and the poles, scored with the
 * default profile.
 */
final class DemoRegion {
  static final RegionId ID = RegionId.of("nyc-nta2010");
  static final RegionId ID_2020 = RegionId.of("nyc-nta2020");
  private static final String BASE = "/org/gapmap/geodata/nyc/";
  private static final String NTA2020_ATTRIBUTION =
      "Neighborhood Tabulation Areas 2020 (release 24C): NYC Department of City Planning"
          + " (NYC Open Data 9nt8-h7nd)";
  private static final String TRACTS_ATTRIBUTION =
      "2020 census tract to NTA 2020 relationship file: NYC Department of City Planning";
  private static final String NTA_ATTRIBUTION =
      "Neighborhood Tabulation Areas 2010: NYC Department of City Planning (NYC Open Data q2z5-ai38)";
  private static final String IMP_ATTRIBUTION =
      "NYC Internet Master Plan (2020): NYC Mayor's Office of the CTO (NYC Open Data fg5j-q5nk)";
  private static final String POLES_ATTRIBUTION =
      "Mobile telecom franchise pole reservations: NYC Office of Technology and Innovation"
          + " (NYC Open Data bgj-tdd6, 2020-07-15)";

  private DemoRegion() {}

  /** Seeds the demo regions that do not exist yet. Returns whether it seeded any. */
  static boolean seedIfAbsent(LocalRuntime runtime, Console console) {
    boolean seeded = seedNta2010IfAbsent(runtime, console);
    return seedNta2020IfAbsent(runtime, console) || seeded;
  }

  private static boolean seedNta2010IfAbsent(LocalRuntime runtime, Console console) {
    if (runtime.store().region(ID).isPresent()) {
      return false;
    }
    console.note("seeding the demo region " + ID + " (New York City, NTA 2010) ...");
    ImportedRegion imported =
        runtime
            .regions()
            .register(
                ID,
                "New York City neighborhoods (NTA 2010)",
                NTA_ATTRIBUTION + "; " + IMP_ATTRIBUTION + "; " + POLES_ATTRIBUTION,
                resource("nyc_nta2010_nycplanning.geojson"),
                new RegionImportOptions(
                    "NTACode",
                    "NTAName",
                    "BoroName",
                    List.of(UnrankedCondition.parse("NTACode~.*(98|99)"))));
    console.notes("region notes:", imported.notes());
    Reports.ingested(
        console,
        runtime
            .ingest()
            .ingest(
                ID,
                UploadKind.ADOPTION,
                resource("nyc_internet_master_plan_by_nta2010.csv"),
                new UploadOptions("nyc-imp", Map.of(), null, IMP_ATTRIBUTION),
                ProgressListener.NONE));
    Reports.ingested(
        console,
        runtime
            .ingest()
            .ingest(
                ID,
                UploadKind.POINTS,
                resource("nyc_mobile_telecom_franchise_poletop_installations.csv"),
                new UploadOptions(
                    null,
                    Map.of(),
                    "small_cells",
                    POLES_ATTRIBUTION,
                    java.time.LocalDate.of(2020, 7, 15)),
                ProgressListener.NONE));
    Run run =
        runtime
            .publisher()
            .publish(ID, ScoringProfiles.builtIn(ScoringProfiles.DEFAULT).orElseThrow());
    Reports.published(console, runtime.store(), run);
    return true;
  }

  /**
   * The NTA 2020 region (262 neighborhoods; NTAType other than 0 - parks, cemeteries, airports,
   * Rikers - shown but not ranked) with the census tract 2020 crosswalk registered, so FCC
   * availability rows reach it through their block GEOID, and the small-cell poles.
   */
  private static boolean seedNta2020IfAbsent(LocalRuntime runtime, Console console) {
    if (runtime.store().region(ID_2020).isPresent()) {
      return false;
    }
    console.note("seeding the demo region " + ID_2020 + " (New York City, NTA 2020) ...");
    ImportedRegion imported =
        runtime
            .regions()
            .register(
                ID_2020,
                "New York City neighborhoods (NTA 2020)",
                NTA2020_ATTRIBUTION + "; " + TRACTS_ATTRIBUTION + "; " + POLES_ATTRIBUTION,
                resource("nyc_nta2020_dcp_24c.geojson"),
                new RegionImportOptions(
                    "NTA2020",
                    "NTAName",
                    "BoroName",
                    List.of(UnrankedCondition.parse("NTAType!=0"))));
    console.notes("region notes:", imported.notes());
    CrosswalkRegistrar.Registered crosswalk =
        runtime
            .crosswalks()
            .register(
                ID_2020,
                Crosswalk.TRACT,
                resource("nyc_ct2020_to_nta2020_cdta_relationship.csv"),
                "GEOID",
                "NTACode");
    console.notes("crosswalk notes:", crosswalk.notes());
    Reports.ingested(
        console,
        runtime
            .ingest()
            .ingest(
                ID_2020,
                UploadKind.POINTS,
                resource("nyc_mobile_telecom_franchise_poletop_installations.csv"),
                new UploadOptions(null, Map.of(), "small_cells", POLES_ATTRIBUTION),
                ProgressListener.NONE));
    Run run =
        runtime
            .publisher()
            .publish(ID_2020, ScoringProfiles.builtIn(ScoringProfiles.DEFAULT).orElseThrow());
    Reports.published(console, runtime.store(), run);
    return true;
  }

  private static InputSource resource(String name) {
    String path = BASE + name;
    if (DemoRegion.class.getResource(path) == null) {
      throw new IllegalStateException("demo data missing from the build: " + path);
    }
    return new InputSource(name, () -> open(path), -1);
  }

  private static InputStream open(String path) {
    return DemoRegion.class.getResourceAsStream(path);
  }
}
