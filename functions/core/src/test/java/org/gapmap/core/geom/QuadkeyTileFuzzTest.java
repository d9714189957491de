package org.gapmap.core.geom;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.locationtech.jts.geom.Polygon;

/**
 * Fuzz test of quadkey parsing: any text either parses to a tile that round-trips to the same
 * quadkey and lies on the Web-Mercator world, or is refused with an {@link
 * IllegalArgumentException} quoting it (which the {@code tiles} reader turns into a rejection
 * naming the line and column; that path is fuzzed by {@code UploadReadersFuzzTest.tiles}). Seeds:
 * {@code QuadkeyTileFuzzTestInputs/parse/} in the test resources.
 */
class QuadkeyTileFuzzTest {
  /** Latitude of the Web-Mercator world's northern edge. */
  private static final double MAX_LATITUDE = 85.0511287798066;

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    QuadkeyTile tile;
    try {
      tile = QuadkeyTile.parse(text);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().contains("'" + text + "' is not a quadkey")) {
        throw new AssertionError("the refusal does not quote the text: " + e.getMessage(), e);
      }
      return;
    }
    check(tile.zoom() == text.length(), "zoom is the quadkey's length", text, tile);
    long size = 1L << tile.zoom();
    check(tile.x() >= 0 && tile.x() < size && tile.y() >= 0 && tile.y() < size, "x, y", text, tile);
    check(quadkey(tile).equals(text), "round trip", text, tile);
    check(
        tile.west() >= -180 && tile.west() < tile.east() && tile.east() <= 180,
        "west < east within -180..180",
        text,
        tile);
    check(
        tile.south() >= -MAX_LATITUDE - 1e-9
            && tile.south() < tile.north()
            && tile.north() <= MAX_LATITUDE + 1e-9,
        "south < north within the Mercator world",
        text,
        tile);
    Polygon polygon = tile.polygon();
    check(polygon.isValid() && polygon.getArea() > 0, "a valid polygon with area", text, tile);
  }

  private static String quadkey(QuadkeyTile tile) {
    StringBuilder b = new StringBuilder();
    for (int level = tile.zoom() - 1; level >= 0; level--) {
      int digit = ((tile.x() >> level) & 1) | (((tile.y() >> level) & 1) << 1);
      b.append((char) ('0' + digit));
    }
    return b.toString();
  }

  private static void check(boolean holds, String what, String text, QuadkeyTile tile) {
    if (!holds) {
      throw new AssertionError(what + " fails for quadkey '" + text + "': " + tile);
    }
  }
}
