package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.util.List;
import java.util.Map;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

class PointsReaderTest {
  /**
   * Two 0.01° squares in Brooklyn with a 0.01° gap between them, and a third one north of the
   * first.
   */
  private static final Geometry WEST = box(-74.00, 40.70, -73.99, 40.71);

  private static final Geometry EAST = box(-73.98, 40.70, -73.97, 40.71);
  private static final Geometry NORTH = box(-74.00, 40.72, -73.99, 40.73);

  private static final RegionContext REGION =
      new RegionContext(
          RegionId.of("test-squares"),
          List.of(neighborhood("W1", WEST), neighborhood("E1", EAST), neighborhood("N1", NORTH)));

  private static final UploadOptions SMALL_CELLS =
      new UploadOptions(null, Map.of(), "small_cells", null);

  /** 3 points in W1, 1 in E1, 1 in the gap between them, 1 far away, 1 without coordinates. */
  private static final String POINTS =
      """
      Latitude,Longitude,Name
      40.705,-73.995,w-center
      40.701,-73.999,w-corner
      40.709,-73.991,w-other-corner
      40.705,-73.975,e-center
      40.705,-73.985,between
      40.800,-73.900,far
      ,,no coordinates
      """;

  private static ReadResult read(String csv, UploadOptions options) {
    return new PointsReader().read(source("poles.csv", csv), REGION, options);
  }

  private static Indicators of(ReadResult result, String id) {
    return result.indicators().get(NeighborhoodId.of(id));
  }

  @Test
  void pointsAreCountedPerNeighborhood() {
    ReadResult result = read(POINTS, SMALL_CELLS);

    assertThat(result.label()).isEqualTo("small_cells");
    assertThat(of(result, "W1").get("small_cells_count")).hasValue(3.0);
    assertThat(of(result, "E1").get("small_cells_count")).hasValue(1.0);
  }

  @Test
  void everyNeighborhoodGetsACountZeroWhereThereAreNoPoints() {
    ReadResult result = read(POINTS, SMALL_CELLS);

    assertThat(result.indicators().keySet())
        .extracting(NeighborhoodId::value)
        .containsExactlyInAnyOrder("W1", "E1", "N1");
    assertThat(of(result, "N1").get("small_cells_count")).hasValue(0.0);
    assertThat(of(result, "N1").get("small_cells_per_km2")).hasValue(0.0);
  }

  @Test
  void densityIsCountPerSquareKilometreOfEllipsoidalArea() {
    ReadResult result = read(POINTS, SMALL_CELLS);

    double westKm2 = EllipsoidalArea.squareKilometres(WEST);
    double eastKm2 = EllipsoidalArea.squareKilometres(EAST);
    assertThat(of(result, "W1").get("small_cells_per_km2"))
        .hasValue(Math.round(3 / westKm2 * 10_000) / 10_000.0);
    assertThat(of(result, "E1").get("small_cells_per_km2"))
        .hasValue(Math.round(1 / eastKm2 * 10_000) / 10_000.0);
    // 0.01° by 0.01° at 40.7°N is about 0.845 km by 1.110 km
    assertThat(of(result, "W1").get("small_cells_per_km2").getAsDouble())
        .isCloseTo(3 / (0.845 * 1.110), withinPercentage(1));
  }

  @Test
  void rowsOutsideAndWithoutCoordinatesAreReported() {
    ReadResult result = read(POINTS, SMALL_CELLS);

    assertThat(result.report().rowsRead()).isEqualTo(7);
    assertThat(result.report().rowsUsed()).isEqualTo(4);
    assertThat(result.report().rowsOutside()).isEqualTo(2);
    assertThat(result.report().rowsSkipped()).isEqualTo(1);
    assertThat(result.report().notes())
        .containsExactly(
            "4 of 7 points located in a neighborhood",
            "2 points fall outside every neighborhood of the region and were not counted",
            "1 rows without coordinates were skipped");
  }

  @Test
  void defaultLabelIsPoints() {
    ReadResult result = read(POINTS, UploadOptions.defaults());

    assertThat(result.label()).isEqualTo("points");
    assertThat(of(result, "W1").get("points_count")).hasValue(3.0);
  }

  @Test
  void realPoleFileHeaderIsRead() {
    // The header and first rows of the NYC mobile telecom pole file, unchanged.
    String poles =
        """
        Id,Reservation Date,Franchisee Name ,Pole Class,Borough,X Coord.,Y Coord.,Latitude,Longitude,Zone,On street,Cross street 1,Cross street 2,Park Advisory,Historic Landmark Advisory,Scenic Landmark Advisory,BID Advisory,School Advisory,Construction Completed? (Y/N),Zipcode,Community Board,Council District
        17638,12/29/2017,Extenet II,CITY,Brooklyn,989062,160733,40.6078500,-73.9826700,B,Ave P,W 9th St,W 10th St,,,,,,N,11204,311,44
        16823,01/08/2018,Mobilitie II,CITY,Brooklyn,991172,162849,40.6136570,-73.9750680,B,Dahill Road,61st Street,24th Avenue,,,,,,Y,11204,311,44
        16747,01/08/2018,Mobilitie II,CITY,Brooklyn,990161,162641,40.6130860,-73.9787100,B,23rd Avenue,64th Street,65th Street,,,,,,Y,11204,311,44
        """;
    RegionContext bensonhurst =
        new RegionContext(
            RegionId.of("bk"), List.of(neighborhood("BK28", box(-73.99, 40.60, -73.97, 40.62))));

    ReadResult result =
        new PointsReader().read(source("poles.csv", poles), bensonhurst, SMALL_CELLS);

    assertThat(of(result, "BK28").get("small_cells_count")).hasValue(3.0);
  }

  @Test
  void swappedLatitudeAndLongitudeAreRejected() {
    String swapped =
        """
        Latitude,Longitude
        -73.995,40.705
        -73.999,40.701
        -73.991,40.709
        -73.975,40.705
        """;

    assertThatThrownBy(() -> read(swapped, SMALL_CELLS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("poles.csv")
        .hasMessageContaining("swapped")
        .hasMessageContaining("4 of 4 rows fall outside region test-squares");
  }

  @Test
  void latitudeBeyond90IsRejectedNamingLineAndColumn() {
    String csv = "Latitude,Longitude\n40.705,-73.995\n95,-73.995\n";

    assertThatThrownBy(() -> read(csv, SMALL_CELLS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("poles.csv: line 3, column 'Latitude'")
        .hasMessageContaining("outside -90..90");
  }

  @Test
  void nonNumericCoordinateIsRejected() {
    String csv = "lat,lon\n40.705,-73.995\n40.705,west\n";

    assertThatThrownBy(() -> read(csv, SMALL_CELLS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 3, column 'lon'")
        .hasMessageContaining("expected a decimal degree, found \"west\"");
  }

  @Test
  void mappedColumnsAreUsed() {
    String csv = "Y Coord,X Coord\n40.705,-73.995\n";
    UploadOptions options =
        new UploadOptions(
            null, Map.of("latitude", "Y Coord", "longitude", "X Coord"), "wifi", null);

    assertThat(of(read(csv, options), "W1").get("wifi_count")).hasValue(1.0);
  }

  @Test
  void fileWithoutCoordinateColumnsIsRejected() {
    assertThatThrownBy(() -> read("Name,Zip\na,11204\n", SMALL_CELLS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no column for latitude");
  }

  @Test
  void headerOnlyFileIsRejected() {
    assertThatThrownBy(() -> read("Latitude,Longitude\n", SMALL_CELLS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no data rows");
  }

  @Test
  void badLabelAndPresetAreIllegalArguments() {
    assertThatThrownBy(() -> read(POINTS, new UploadOptions(null, Map.of(), "Small Cells", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--label");
    assertThatThrownBy(() -> read(POINTS, new UploadOptions("nyc-imp", Map.of(), null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no presets");
  }

  @Test
  void geoJsonPointsAreCountedLikeCsvRows() {
    String geojson =
        """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"name": "w"},
           "geometry": {"type": "Point", "coordinates": [-73.995, 40.705]}},
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [-73.999, 40.701]}},
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [-73.975, 40.705]}},
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [-73.9, 40.8]}},
          {"type": "Feature", "properties": {}, "geometry": null}
        ]}
        """;
    ReadResult result =
        new PointsReader().read(source("poles.geojson", geojson), REGION, SMALL_CELLS);

    assertThat(of(result, "W1").get("small_cells_count")).hasValue(2.0);
    assertThat(of(result, "E1").get("small_cells_count")).hasValue(1.0);
    assertThat(result.report().rowsOutside()).isEqualTo(1);
    assertThat(result.report().rowsSkipped()).isEqualTo(1);
  }

  @Test
  void geoJsonMultiPointsCountEachOfTheirPoints() {
    String geojson =
        """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {},
           "geometry": {"type": "MultiPoint",
                        "coordinates": [[-73.995, 40.705], [-73.999, 40.701], [-73.975, 40.705]]}},
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Point", "coordinates": [-73.996, 40.704]}}
        ]}
        """;
    ReadResult result =
        new PointsReader().read(source("poles.geojson", geojson), REGION, SMALL_CELLS);

    assertThat(of(result, "W1").get("small_cells_count")).hasValue(3.0);
    assertThat(of(result, "E1").get("small_cells_count")).hasValue(1.0);
  }

  @Test
  void geoJsonWithAPolygonIsRejectedNamingTheFeature() {
    String geojson =
        """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Polygon", "coordinates": [[[-73.995, 40.705], [-73.99, 40.7],
             [-73.99, 40.705], [-73.995, 40.705]]]}}
        ]}
        """;
    assertThatThrownBy(
            () -> new PointsReader().read(source("poles.geojson", geojson), REGION, SMALL_CELLS))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> {
              assertThat(e.location()).isEqualTo("feature 1");
              assertThat(e.reason()).contains("Polygon");
            });
  }
}
