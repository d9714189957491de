package org.gapmap.core.geom;

import static org.gapmap.core.TestInputs.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.gapmap.core.ReadsOrRejects;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Geometry;

/**
 * Fuzz tests of the vector file readers (see {@link ReadsOrRejects} for the property, and {@code
 * docs/security.md} for how to run them): every feature read is handed to a consumer that looks at
 * its geometry and properties, as the upload readers do. Seeds: {@code
 * FeatureReadersFuzzTestInputs/<method>/} in the test resources.
 */
class FeatureReadersFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void geoJson(byte[] data) {
    ReadsOrRejects.check(
        "fuzz.geojson",
        data,
        () -> GeoJsonFeatureReader.read(source("fuzz.geojson", data), FeatureReadersFuzzTest::use));
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void flatGeobuf(byte[] data) {
    ReadsOrRejects.check(
        "fuzz.fgb",
        data,
        () -> FlatGeobufFeatureReader.read(source("fuzz.fgb", data), FeatureReadersFuzzTest::use));
  }

  private static void use(GeoJsonFeature feature) {
    feature.properties().forEach((k, v) -> String.valueOf(v));
    Geometry g = feature.geometry();
    if (g != null) {
      g.getEnvelopeInternal();
      g.getNumPoints();
    }
  }
}
