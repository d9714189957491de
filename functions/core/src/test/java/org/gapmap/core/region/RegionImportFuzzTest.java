package org.gapmap.core.region;

import static org.gapmap.core.TestInputs.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapmap.core.ReadsOrRejects;
import org.gapmap.core.geom.FeatureFileReader;
import org.gapmap.core.input.InputSource;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz test of importing a region's neighborhoods from GeoJSON: polygons are read, repaired and
 * measured (see {@link ReadsOrRejects} for the property, and {@code docs/security.md} for how to
 * run it). Inputs whose first bytes make them FlatGeobuf or GeoPackage are left to those readers'
 * own fuzz tests. Seeds: {@code RegionImportFuzzTestInputs/geoJson/} in the test resources.
 */
class RegionImportFuzzTest {
  private static final RegionImportOptions OPTIONS =
      new RegionImportOptions("id", "name", null, List.of(UnrankedCondition.parse("id~.*99")));

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void geoJson(byte[] data) {
    InputSource input = source("fuzz.geojson", data);
    if (FeatureFileReader.detect(input) != FeatureFileReader.Format.GEOJSON) {
      return;
    }
    ReadsOrRejects.check("fuzz.geojson", data, () -> RegionImporter.read(input, OPTIONS));
  }
}
