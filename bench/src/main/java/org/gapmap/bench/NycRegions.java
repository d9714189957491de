package org.gapmap.bench;

import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionImporter;

/** The NYC neighborhoods and tract crosswalk that the geodata module ships. Stateless. */
final class NycRegions {
  static final RegionId NTA2010 = RegionId.of("nyc-nta2010");
  static final RegionId NTA2020 = RegionId.of("nyc-nta2020");
  private static final String BASE = "/org/gapmap/geodata/nyc/";

  private NycRegions() {}

  static InputSource resource(String name) {
    String path = BASE + name;
    if (NycRegions.class.getResource(path) == null) {
      throw new IllegalStateException("geodata resource missing: " + path);
    }
    return new InputSource(name, () -> open(path), -1);
  }

  private static InputStream open(String path) {
    return NycRegions.class.getResourceAsStream(path);
  }

  /** The 195 NTA 2010 neighborhoods, repaired as gapmap stores them. */
  static List<Neighborhood> nta2010() {
    return RegionImporter.read(
            resource("nyc_nta2010_nycplanning.geojson"),
            new RegionImportOptions("NTACode", "NTAName", "BoroName", List.of()))
        .neighborhoods();
  }

  /** The 262 NTA 2020 neighborhoods. */
  static List<Neighborhood> nta2020() {
    return RegionImporter.read(
            resource("nyc_nta2020_dcp_24c.geojson"),
            new RegionImportOptions("NTA2020", "NTAName", "BoroName", List.of()))
        .neighborhoods();
  }

  /** The tract (GEOID) to NTA 2020 crosswalk. */
  static Crosswalk tracts() {
    Map<String, NeighborhoodId> mapping = new LinkedHashMap<>();
    try (CsvTable table = CsvTable.open(resource("nyc_ct2020_to_nta2020_cdta_relationship.csv"))) {
      int geoid = table.requireColumn("GEOID", "crosswalk");
      int nta = table.requireColumn("NTACode", "crosswalk");
      for (CsvTable.Row row : table) {
        mapping.put(row.get(geoid), NeighborhoodId.of(row.get(nta)));
      }
    }
    return new Crosswalk(NTA2020, Crosswalk.TRACT, "tracts", Instant.EPOCH, mapping);
  }
}
