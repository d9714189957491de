package org.gapmap.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The shipped NYC files, copied out of the geodata module to files a command line can name. */
final class NycData {
  static final String NTA2010 = "nyc_nta2010_nycplanning.geojson";
  static final String IMP = "nyc_internet_master_plan_by_nta2010.csv";
  static final String POLES = "nyc_mobile_telecom_franchise_poletop_installations.csv";
  static final String NTA2020 = "nyc_nta2020_dcp_24c.geojson";
  static final String TRACTS = "nyc_ct2020_to_nta2020_cdta_relationship.csv";

  private NycData() {}

  static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = NycData.class.getResourceAsStream("/org/gapmap/geodata/nyc/" + name)) {
      if (in == null) {
        throw new IllegalStateException("geodata resource missing: " + name);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
