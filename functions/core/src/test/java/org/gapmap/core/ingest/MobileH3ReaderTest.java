package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import java.io.IOException;
import java.util.List;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MobileH3ReaderTest {
  /** West and east halves of a box around lower Manhattan, split at -73.995. */
  private static final Neighborhood WEST = neighborhood("W", box(-74.02, 40.69, -73.995, 40.72));

  private static final Neighborhood EAST = neighborhood("E", box(-73.995, 40.69, -73.97, 40.72));
  private static final RegionContext REGION =
      new RegionContext(RegionId.of("test"), List.of(WEST, EAST));

  private static H3Core h3;

  @BeforeAll
  static void loadH3() throws IOException {
    h3 = H3Core.newInstance();
  }

  private static ReadResult read(String csv) {
    return new MobileH3Reader().read(source("hex.csv", csv), REGION, UploadOptions.defaults());
  }

  private static double share(ReadResult r, Neighborhood n, String indicator) {
    return r.indicators().get(n.id()).get(indicator).orElseThrow();
  }

  @Test
  void cellInsideOneNeighborhoodCoversItsH3Area() {
    String cell = h3.latLngToCellAddress(40.705, -74.01, 9);
    double cellArea = h3.cellArea(cell, AreaUnit.m2);

    ReadResult r =
        read("h3_res9_id,technology,mindown,minup\n" + cell + ",5G,7,1\n" + cell + ",500,35,3\n");

    double westArea = WEST.areaKm2() * 1e6;
    // sphere (H3) against ellipsoid (gapmap): within half a percent of the cell's area
    assertThat(share(r, WEST, "mobile_5g_area_share") * westArea)
        .isCloseTo(cellArea, within(cellArea * 0.005));
    assertThat(share(r, WEST, "mobile_5g_35_area_share"))
        .isEqualTo(share(r, WEST, "mobile_5g_area_share"));
    assertThat(share(r, EAST, "mobile_5g_area_share")).isZero();
  }

  @Test
  void cellOnABorderIsSplitAmongTheNeighborhoodsItOverlaps() {
    String cell = h3.latLngToCellAddress(40.705, -73.995, 8);
    double cellArea = h3.cellArea(cell, AreaUnit.m2);

    ReadResult r = read("h3_res8_id,technology,mindown,minup\n" + cell + ",4G,5,1\n");

    double west = share(r, WEST, "mobile_4g_area_share") * WEST.areaKm2() * 1e6;
    double east = share(r, EAST, "mobile_4g_area_share") * EAST.areaKm2() * 1e6;
    assertThat(west).isGreaterThan(0);
    assertThat(east).isGreaterThan(0);
    assertThat(west + east).isCloseTo(cellArea, within(cellArea * 0.005));
  }

  @Test
  void rowsNamingCellsOutsideTheRegionAreCounted() {
    String inside = h3.latLngToCellAddress(40.705, -74.01, 9);
    String outside = h3.latLngToCellAddress(34.05, -118.25, 9);

    ReadResult r =
        read("hex_id,technology,mindown,minup\n" + inside + ",5G,7,1\n" + outside + ",5G,7,1\n");

    assertThat(r.report().rowsOutside()).isEqualTo(1);
    assertThat(r.report().rowsUsed()).isEqualTo(1);
  }

  @Test
  void aCellSpelledTwoWaysAndListedByTwoProvidersCountsOnce() {
    String cell = h3.latLngToCellAddress(40.705, -74.01, 9);

    ReadResult twice =
        read(
            "h3_res9_id,technology,mindown,minup\n"
                + cell
                + ",5G,7,1\n "
                + cell.toUpperCase(java.util.Locale.ROOT)
                + ",5G,7,1\n");
    ReadResult once = read("h3_res9_id,technology,mindown,minup\n" + cell + ",5G,7,1\n");

    assertThat(twice.indicators()).isEqualTo(once.indicators());
    assertThat(twice.report().notes().get(0)).startsWith("2 rows name 1 distinct cells");
  }

  @Test
  void cellsOfTwoResolutionsAreRejectedAsTheyOverlap() {
    String res9 = h3.latLngToCellAddress(40.705, -74.01, 9);
    String res8 = h3.latLngToCellAddress(40.705, -74.01, 8);

    assertThatThrownBy(
            () ->
                read("hex_id,technology,mindown,minup\n" + res9 + ",5G,7,1\n" + res8 + ",5G,7,1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("hex.csv: line 3, column 'hex_id'")
        .hasMessageContaining("resolution 8 but the first cell (line 2) is at resolution 9");
  }

  @Test
  void malformedCellIdIsRejectedNamingLineAndColumn() {
    assertThatThrownBy(() -> read("h3_res9_id,technology,mindown,minup\nzz2a100d2c3ffff,5G,7,1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("hex.csv: line 2, column 'h3_res9_id'")
        .hasMessageContaining("not an H3 cell id");
  }

  @Test
  void cellAtTheWrongResolutionForItsColumnIsRejected() {
    String res8 = h3.latLngToCellAddress(40.705, -74.01, 8);

    assertThatThrownBy(() -> read("h3_res9_id,technology,mindown,minup\n" + res8 + ",5G,7,1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("resolution 8");
  }

  @Test
  void badTechnologyAndSpeedsAreRejected() {
    String cell = h3.latLngToCellAddress(40.705, -74.01, 9);
    String header = "h3_res9_id,technology,mindown,minup\n";

    assertThatThrownBy(() -> read(header + cell + ",5G,7,1\n" + cell + ",WiMAX,7,1\n"))
        .hasMessageStartingWith("hex.csv: line 3, column 'technology'")
        .hasMessageContaining("unknown technology");
    assertThatThrownBy(() -> read(header + cell + ",5G,-7,1\n"))
        .hasMessageStartingWith("hex.csv: line 2, column 'mindown'");
    assertThatThrownBy(() -> read(header + cell + ",5G,7,n/a\n"))
        .hasMessageStartingWith("hex.csv: line 2, column 'minup'")
        .hasMessageContaining("missing value");
  }

  @Test
  void missingColumnsAndEmptyFilesAreRejected() {
    assertThatThrownBy(() -> read("cell,technology,mindown,minup\nx,5G,7,1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no column for h3_id");
    assertThatThrownBy(() -> read("h3_res9_id,technology,mindown,minup\n"))
        .hasMessageContaining("no data rows");
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("empty");
  }
}
