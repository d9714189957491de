package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDAL/OGR (Debian {@code gdal-bin}), which QGIS and most desktop GIS read OGC APIs through,
 * against {@code gapmap serve} on the NYC demo region: it lists the collection, counts every
 * feature, and copies the whole collection to GeoPackage through {@code next} links with nothing
 * missing or twice; it reads the FlatGeobuf download.
 */
class GdalClientIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Map<String, String> ENV = Map.of("GDAL_HTTP_TIMEOUT", "60");

  @TempDir Path work;

  @BeforeAll
  static void gdal() {
    ExternalTool.require("ogrinfo", "Debian package gdal-bin");
    ExternalTool.require("ogr2ogr", "Debian package gdal-bin");
  }

  @Test
  void ogrinfoListsTheCollectionAndCountsEveryFeature() throws Exception {
    ExternalTool.Run run = ogr("ogrinfo", "-ro", "-so", "-al", "OAPIF:" + DemoServer.base() + "/");

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("using driver `OAPIF' successful")
        .contains("Layer name: " + DemoServer.REGION)
        .contains("Feature Count: " + DemoServer.FEATURES)
        .contains("gap_score: Real")
        .contains("rank: Integer");
  }

  @Test
  void ogr2ogrCopiesTheWholeCollectionPageByPage() throws Exception {
    Path gpkg = work.resolve("nyc.gpkg");
    ExternalTool.Run copy =
        ExternalTool.run(
            work,
            TIMEOUT,
            Map.of("GDAL_HTTP_TIMEOUT", "60", "CPL_DEBUG", "ON"),
            List.of(
                "ogr2ogr",
                "-f",
                "GPKG",
                gpkg.toString(),
                "OAPIF:" + DemoServer.base() + "/collections/" + DemoServer.REGION,
                "-oo",
                "PAGE_SIZE=50"));
    assertThat(copy.exitCode()).as(copy.output()).isZero();
    Matcher fetches =
        Pattern.compile("Fetch\\(\\S*/items\\?[^)]*offset=(\\d+)").matcher(copy.output());
    int pages = 0;
    while (fetches.find()) {
      pages++;
    }
    assertThat(pages)
        .as("pages fetched through next links:\n" + copy.output())
        .isGreaterThanOrEqualTo(3);

    ExternalTool.Run counts =
        ogr(
            "ogrinfo",
            "-ro",
            gpkg.toString(),
            "-sql",
            "SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids, SUM(rank IS NOT NULL) AS ranked"
                + " FROM \""
                + DemoServer.REGION
                + "\"");
    assertThat(counts.exitCode()).as(counts.output()).isZero();
    assertThat(counts.output())
        .containsPattern("n \\(Integer[^=]*= " + DemoServer.FEATURES)
        .containsPattern("ids \\(Integer[^=]*= " + DemoServer.FEATURES)
        .containsPattern("ranked \\(Integer[^=]*= 188");
  }

  @Test
  void flatGeobufDownloadOpensInGdal() throws Exception {
    Path fgb = work.resolve("nyc.fgb");
    Files.write(fgb, DemoServer.get("/collections/" + DemoServer.REGION + "/download?f=fgb"));

    ExternalTool.Run run = ogr("ogrinfo", "-ro", "-so", "-al", fgb.toString());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("using driver `FlatGeobuf' successful")
        .contains("Layer name: " + DemoServer.REGION)
        .contains("Geometry: Multi Polygon")
        .contains("Feature Count: " + DemoServer.FEATURES)
        .contains("ID[\"EPSG\",4326]")
        .contains("contribution_home_broadband_adoption: Real");
  }

  private ExternalTool.Run ogr(String... command) throws Exception {
    return ExternalTool.run(work, TIMEOUT, ENV, List.of(command));
  }
}
