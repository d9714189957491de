package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gapmap.core.VectorFiles;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage kinds through the command line on the NYC NTAs, with generated coverage, hexagons
 * and tiles (published speed-test tiles may not be shipped).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageCliTest {
  /** A 5G polygon over lower Manhattan and a 4G one over most of Brooklyn. */
  private static final String COVERAGE =
      "{\"type\":\"FeatureCollection\",\"features\":["
          + "{\"type\":\"Feature\",\"properties\":{\"technology\":\"5G\",\"mindown\":35,"
          + "\"minup\":3,\"environment\":\"outdoor\",\"provider_id\":\"1\"},\"geometry\":"
          + "{\"type\":\"Polygon\",\"coordinates\":[[[-74.03,40.69],[-73.97,40.69],[-73.97,40.73],"
          + "[-74.03,40.73],[-74.03,40.69]]]}},"
          + "{\"type\":\"Feature\",\"properties\":{\"technology\":\"400\",\"mindown\":5,"
          + "\"minup\":1,\"provider_id\":\"2\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
          + "[[[-74.05,40.57],[-73.85,40.57],[-73.85,40.70],[-74.05,40.70],[-74.05,40.57]]]}}]}";

  @TempDir static Path work;
  private Path dataDir;
  private Path nta;

  @BeforeAll
  void registerRegion() throws IOException {
    dataDir = work.resolve("data");
    nta = NycData.copy(NycData.NTA2010, work);
    CliRun add =
        cli(
            "region",
            "add",
            "nyc",
            nta.toString(),
            "--id-property",
            "NTACode",
            "--name-property",
            "NTAName");
    assertThat(add.exitCode()).as(add.toString()).isZero();
  }

  @Test
  void coverageIsIngestedAndBadCoverageExitsThreeChangingNothing() throws IOException {
    Path good = work.resolve("coverage.geojson");
    Files.writeString(good, COVERAGE);
    CliRun ok = cli("ingest", "nyc", "mobile-coverage", good.toString());
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("2 rows read, 2 used, 0 outside");
    assertThat(ok.err()).contains("2 of 2 coverage features meet the region");
    String csv = cli("export", "nyc", "--format", "csv").out();
    assertThat(csv).contains("mobile_5g_35_area_share").contains("mobile_4g_area_share");

    Path bad = work.resolve("bad.geojson");
    Files.writeString(bad, COVERAGE.replace("\"mindown\":5", "\"mindown\":\"fast\""));
    CliRun rejected = cli("ingest", "nyc", "mobile-coverage", bad.toString());
    assertThat(rejected.exitCode()).as(rejected.toString()).isEqualTo(3);
    assertThat(rejected.err())
        .contains("bad.geojson: feature 2, column 'mindown'")
        .contains("\"fast\"");
    assertThat(cli("export", "nyc", "--format", "csv").out()).isEqualTo(csv);
  }

  @Test
  void hexagonsAndTilesAreIngested() throws IOException {
    H3Core h3 = H3Core.newInstance();
    Path hex = work.resolve("hex.csv");
    Files.writeString(
        hex,
        "h3_res8_id,technology,mindown,minup\n"
            + h3.latLngToCellAddress(40.75, -73.99, 8)
            + ",5G,7,1\n");
    CliRun hexRun = cli("ingest", "nyc", "mobile-h3", hex.toString());
    assertThat(hexRun.exitCode()).as(hexRun.toString()).isZero();
    assertThat(hexRun.err()).contains("1 rows name 1 distinct cells");

    Path tiles = work.resolve("tiles.csv");
    Files.writeString(
        tiles,
        "quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n0320101101320233,95000,12000,18,40,9\n");
    CliRun tileRun = cli("ingest", "nyc", "tiles", tiles.toString());
    assertThat(tileRun.exitCode()).as(tileRun.toString()).isZero();
    assertThat(cli("export", "nyc", "--format", "csv").out()).contains("tile_download_mbps_mean");

    Path badTiles = work.resolve("bad-tiles.csv");
    Files.writeString(
        badTiles,
        "quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests,devices\n03201011013202339,1,1,1,1,1\n");
    CliRun rejected = cli("ingest", "nyc", "tiles", badTiles.toString());
    assertThat(rejected.exitCode()).isEqualTo(3);
    assertThat(rejected.err()).contains("bad-tiles.csv: line 2, column 'quadkey'");
  }

  @Test
  void regionFromAGeoPackageHasTheSameNeighborhoods() throws IOException {
    List<Neighborhood> ntas =
        RegionImporter.read(
                InputSource.of(nta), new RegionImportOptions("NTACode", "NTAName", null, List.of()))
            .neighborhoods();
    List<VectorFiles.Row> rows = new ArrayList<>();
    for (Neighborhood n : ntas) {
      rows.add(VectorFiles.row(n.geometry(), "NTACode", n.id().value(), "NTAName", n.name()));
    }
    Path gpkg = work.resolve("nta.gpkg");
    Files.write(gpkg, VectorFiles.geoPackage("nta", rows, 4326));

    CliRun add =
        cli(
            "region",
            "add",
            "nyc-gpkg",
            gpkg.toString(),
            "--id-property",
            "NTACode",
            "--name-property",
            "NTAName");

    assertThat(add.exitCode()).as(add.toString()).isZero();
    assertThat(add.out()).contains("195 neighborhoods");
  }

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.isEmpty() && Set.of("region", "ingest", "score", "export").contains(all.get(0))) {
      all.add("--data-dir");
      all.add(dataDir.toString());
    }
    return CliRun.of(all.toArray(String[]::new));
  }
}
