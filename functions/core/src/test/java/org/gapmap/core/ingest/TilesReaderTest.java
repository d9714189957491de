package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.util.List;
import org.gapmap.core.geom.QuadkeyTile;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;

/** Generated tiles only: published speed-test tiles may not be shipped. */
class TilesReaderTest {
  /** Zoom-16 tiles x 19299 and 19300 of row 24631 (midtown Manhattan), side by side. */
  private static final String LEFT = "0320101101320233";

  private static final String RIGHT = "0320101101320322";
  private static final QuadkeyTile L = QuadkeyTile.parse(LEFT);
  private static final QuadkeyTile R = QuadkeyTile.parse(RIGHT);

  /** One neighborhood holding both tiles whole; another split through the right tile. */
  private static final Neighborhood BIG =
      neighborhood(
          "BIG", box(L.west() - 0.01, L.south() - 0.01, R.east() + 0.01, L.north() + 0.01));

  private static final String HEADER = "quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n";

  private static ReadResult read(List<Neighborhood> neighborhoods, String name, String text) {
    return new TilesReader()
        .read(
            source(name, text),
            new RegionContext(RegionId.of("t"), neighborhoods),
            UploadOptions.defaults());
  }

  @Test
  void theTwoTestTilesAreNeighbours() {
    assertThat(R.x()).isEqualTo(L.x() + 1);
    assertThat(R.y()).isEqualTo(L.y());
  }

  @Test
  void valuesAreWeightedByOverlapAreaTimesTests() {
    ReadResult r =
        read(
            List.of(BIG),
            "tiles.csv",
            HEADER + LEFT + ",100000,10000,10,30,5\n" + RIGHT + ",20000,2000,40,10,2\n");

    Indicators i = r.indicators().get(BIG.id());
    // both tiles lie wholly inside, and neighbouring tiles of one row have equal areas
    assertThat(i.get("tile_download_mbps_mean")).hasValue((100.0 * 30 + 20.0 * 10) / 40);
    assertThat(i.get("tile_upload_mbps_mean")).hasValue((10.0 * 30 + 2.0 * 10) / 40);
    assertThat(i.get("tile_latency_ms_mean")).hasValue((10.0 * 30 + 40.0 * 10) / 40);
    assertThat(i.get("tile_tests")).hasValue(40);
  }

  @Test
  void aTileSplitByABorderIsApportionedByArea() {
    double mid = (R.west() + R.east()) / 2;
    Neighborhood west =
        neighborhood("W", box(L.west() - 0.01, L.south() - 0.01, mid, L.north() + 0.01));
    Neighborhood east =
        neighborhood("E", box(mid, L.south() - 0.01, R.east() + 0.01, L.north() + 0.01));

    ReadResult r = read(List.of(west, east), "tiles.csv", HEADER + RIGHT + ",50000,5000,20,10,1\n");

    assertThat(r.indicators().get(west.id()).get("tile_tests").orElseThrow())
        .isCloseTo(5, within(0.1));
    assertThat(r.indicators().get(east.id()).get("tile_tests").orElseThrow())
        .isCloseTo(5, within(0.1));
    assertThat(r.indicators().get(east.id()).get("tile_download_mbps_mean")).hasValue(50.0);
  }

  @Test
  void geoJsonTilesWithNullGeometryAreReadFromTheirQuadkey() {
    String json =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
            + "{\"quadkey\":\""
            + LEFT
            + "\",\"avg_d_kbps\":80000,\"avg_u_kbps\":8000,\"avg_lat_ms\":12,\"tests\":4,\"devices\":2},"
            + "\"geometry\":null}]}";

    ReadResult r = read(List.of(BIG), "tiles.geojson", json);

    assertThat(r.indicators().get(BIG.id()).get("tile_download_mbps_mean")).hasValue(80.0);
  }

  @Test
  void tilesOutsideTheRegionAreCounted() {
    ReadResult r =
        read(
            List.of(BIG),
            "tiles.csv",
            HEADER + LEFT + ",1,1,1,1,1\n" + "0000000000000000,1,1,1,1,1\n");

    assertThat(r.report().rowsOutside()).isEqualTo(1);
  }

  @Test
  void badRowsAreRejectedNamingLineAndColumn() {
    assertThatThrownBy(() -> read(List.of(BIG), "t.csv", HEADER + "03201011013202x3,1,1,1,1,1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("t.csv: line 2, column 'quadkey'")
        .hasMessageContaining("not a quadkey");
    assertThatThrownBy(() -> read(List.of(BIG), "t.csv", HEADER + LEFT + ",-5,1,1,1,1\n"))
        .hasMessageStartingWith("t.csv: line 2, column 'avg_d_kbps'")
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> read(List.of(BIG), "t.csv", HEADER + LEFT + ",1,1,1,2.5,1\n"))
        .hasMessageStartingWith("t.csv: line 2, column 'tests'");
    assertThatThrownBy(
            () ->
                read(List.of(BIG), "t.csv", HEADER + LEFT + ",1,1,1,1,1\n" + LEFT + ",1,1,1,1,1\n"))
        .hasMessageStartingWith("t.csv: line 3, column 'quadkey'")
        .hasMessageContaining("appears again (first at line 2)");
    assertThatThrownBy(
            () ->
                read(
                    List.of(BIG),
                    "t.csv",
                    HEADER + LEFT + ",1,1,1,1,1\n032010110132023,1,1,1,1,1\n"))
        .hasMessageContaining("zoom 15");
    assertThatThrownBy(() -> read(List.of(BIG), "t.csv", "quadkey,avg_d_kbps\n" + LEFT + ",1\n"))
        .hasMessageContaining("no column for avg_u_kbps");
    assertThatThrownBy(() -> read(List.of(BIG), "t.csv", HEADER)).hasMessageContaining("no tiles");
  }
}
