package org.gapmap.core.ingest;

import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gapmap.core.ReadsOrRejects;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of upload readers end to end, from bytes to indicators (see {@link ReadsOrRejects} for
 * the property, and {@code docs/security.md} for how to run them). The region is two small squares
 * in Manhattan that the seeds' coordinates, H3 cells and quadkeys fall into. Seeds: {@code
 * UploadReadersFuzzTestInputs/<method>/} in the test resources.
 */
class UploadReadersFuzzTest {
  private static final RegionContext REGION =
      new RegionContext(
          RegionId.of("fuzz"),
          List.of(
              neighborhood("W1", box(-74.10, 40.60, -74.00, 40.80)),
              neighborhood("E1", box(-74.00, 40.60, -73.90, 40.80))));

  /**
   * Rows the {@code bdc-fixed} reader sorts in memory before it spills a sorted run to a temporary
   * file: small, so that larger inputs exercise the spilling and merging too, and so that each
   * input does not allocate the default chunk.
   */
  private static final int SORT_CHUNK = 64;

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void measurements(byte[] data) {
    read(new MeasurementsReader(), "fuzz.csv", data);
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void bdcFixed(byte[] data) {
    read(new BdcFixedReader(SORT_CHUNK), "fuzz.csv", data);
  }

  /** CSV or GeoJSON, as the reader decides by the first byte. */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void tiles(byte[] data) {
    read(new TilesReader(), "fuzz.tiles", data);
  }

  /** CSV or GeoJSON points. */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void points(byte[] data) {
    read(new PointsReader(), "fuzz.points", data);
  }

  private static void read(UploadReader reader, String name, byte[] data) {
    UploadOptions options = new UploadOptions(null, java.util.Map.of(), "fuzz", null);
    ReadsOrRejects.check(name, data, () -> reader.read(source(name, data), REGION, options));
  }
}
