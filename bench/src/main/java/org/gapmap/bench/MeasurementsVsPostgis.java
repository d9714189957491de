package org.gapmap.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.gapmap.core.ingest.MeasurementsReader;
import org.gapmap.core.ingest.ReadResult;
import org.gapmap.core.ingest.RegionContext;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Point speed tests per NYC NTA 2010 neighborhood: gapmap's {@code measurements} reader against
 * PostGIS used as an expert would (COPY, polygons split with {@code ST_Subdivide(geom, 255)}, a
 * GiST index, {@code ST_Contains}, {@code percentile_cont}), on the same generated file. Counts,
 * shares and medians must agree exactly.
 *
 * <p>Usage: {@code MeasurementsVsPostgis [points]} (default 1,000,000).
 */
public final class MeasurementsVsPostgis {
  /** What one comparison found; times in seconds, CPU times of the one working thread. */
  public record Result(
      long points,
      long located,
      int neighborhoods,
      Timing gapmap,
      Timing postgisLoad,
      Timing postgisJoin,
      double postgisPolygonSeconds,
      List<String> mismatches) {}

  private MeasurementsVsPostgis() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Result r = run(n);
    Timing pg = r.postgisLoad().plus(r.postgisJoin());
    System.out.printf(
        Locale.ROOT,
        "measurements: %,d points, %,d located in %d NTA 2010 neighborhoods%n",
        r.points(),
        r.located(),
        r.neighborhoods());
    System.out.printf(
        Locale.ROOT,
        "gapmap   read CSV + locate + aggregate: %s (%,.0f points per CPU second)%n",
        r.gapmap(),
        r.points() / r.gapmap().cpu());
    System.out.printf(
        Locale.ROOT,
        "PostGIS  COPY %s + ST_Contains join and percentile_cont %s = %s%n"
            + "         (polygons: COPY, ST_Subdivide(geom, 255), GiST index: %.2f s wall, not"
            + " counted; parallel workers off, so the backend's CPU is all the CPU)%n",
        r.postgisLoad(),
        r.postgisJoin(),
        pg,
        r.postgisPolygonSeconds());
    System.out.printf(
        Locale.ROOT,
        "ratio    PostGIS / gapmap: %.1fx by CPU time, %.1fx by wall clock%n",
        pg.cpu() / r.gapmap().cpu(),
        pg.wall() / r.gapmap().wall());
    System.out.println("mismatches: " + r.mismatches().size());
    r.mismatches().stream().limit(20).forEach(m -> System.out.println("  " + m));
    if (!r.mismatches().isEmpty()) {
      System.exit(1);
    }
  }

  /** Generates {@code n} tests, reads them with gapmap and with PostGIS, and compares. */
  public static Result run(int n) throws IOException {
    Path dir = Files.createTempDirectory("gapmap-bench-");
    Path tests = dir.resolve("tests.csv");
    Path polygons = dir.resolve("nta2010.csv");
    try {
      List<Neighborhood> neighborhoods = NycRegions.nta2010();
      writeTests(tests, n, 20260301L);
      writePolygons(polygons, neighborhoods);

      Timing.Stopwatch watch = Timing.start();
      RegionContext region = new RegionContext(NycRegions.NTA2010, neighborhoods);
      ReadResult gapmap =
          new MeasurementsReader().read(InputSource.of(tests), region, UploadOptions.defaults());
      Timing gapmapTime = watch.stop();

      try (PostgisServer pg = PostgisServer.start()) {
        long p0 = System.nanoTime();
        pg.query("CREATE TABLE nta (id text PRIMARY KEY, geom geometry(Geometry, 4326))");
        pg.copyCsv("nta", polygons);
        pg.query(
            "CREATE TABLE nta_sub AS SELECT id, ST_Subdivide(geom, 255) AS geom FROM nta;"
                + " CREATE INDEX nta_sub_geom ON nta_sub USING gist (geom); ANALYZE nta_sub");
        double polygonSeconds = (System.nanoTime() - p0) / 1e9;
        List<String> out =
            pg.script(
                "SET max_parallel_workers_per_gather = 0;\n"
                    + "CREATE UNLOGGED TABLE tests (latitude float8, longitude float8,"
                    + " download_mbps float8, upload_mbps float8, latency_ms float8,"
                    + " timestamp text, network text, provider text);\n"
                    + PostgisServer.mark("t0")
                    + "\\copy tests FROM '"
                    + tests.toAbsolutePath()
                    + "' WITH (FORMAT csv, HEADER true)\n"
                    + PostgisServer.mark("t1")
                    + "SELECT 'row', n.id, count(*),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY t.download_mbps),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY t.upload_mbps),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY t.latency_ms),"
                    + " (count(*) FILTER (WHERE t.download_mbps < 25 OR t.upload_mbps < 3))"
                    + "::float8 / count(*)"
                    + " FROM tests t JOIN nta_sub n ON ST_Contains(n.geom,"
                    + " ST_SetSRID(ST_MakePoint(t.longitude, t.latitude), 4326))"
                    + " GROUP BY n.id ORDER BY n.id;\n"
                    + PostgisServer.mark("t2"));
        Map<String, Timing.Mark> marks = Timing.marks(out);
        List<String> rows =
            out.stream().filter(l -> l.startsWith("row,")).map(l -> l.substring(4)).toList();
        return new Result(
            n,
            gapmap.report().rowsUsed(),
            rows.size(),
            gapmapTime,
            marks.get("t1").since(marks.get("t0")),
            marks.get("t2").since(marks.get("t1")),
            polygonSeconds,
            compare(rows, gapmap.indicators()));
      }
    } finally {
      Files.deleteIfExists(tests);
      Files.deleteIfExists(polygons);
      Files.deleteIfExists(dir);
    }
  }

  private static List<String> compare(List<String> rows, Map<NeighborhoodId, Indicators> gapmap) {
    List<String> mismatches = new ArrayList<>();
    String[] names = {
      "measurement_count",
      "measured_download_mbps_median",
      "measured_upload_mbps_median",
      "measured_latency_ms_median",
      "measured_below_25_3_share"
    };
    int withData = 0;
    for (Map.Entry<NeighborhoodId, Indicators> e : gapmap.entrySet()) {
      if (e.getValue().has("measurement_count")) {
        withData++;
      }
    }
    if (withData != rows.size()) {
      mismatches.add(
          "gapmap has tests in " + withData + " neighborhoods, PostGIS in " + rows.size());
    }
    for (String row : rows) {
      String[] f = row.split(",");
      Indicators ours = gapmap.get(NeighborhoodId.of(f[0]));
      for (int i = 0; i < names.length; i++) {
        double expected = Double.parseDouble(f[i + 1]);
        Double actual = ours == null ? null : ours.value(names[i]).orElse(null);
        if (actual == null || Double.compare(actual, expected) != 0) {
          mismatches.add(f[0] + " " + names[i] + ": gapmap " + actual + ", PostGIS " + expected);
        }
      }
    }
    return mismatches;
  }

  /**
   * Uniform points over NYC's bounding box (some in the water, outside every NTA), coordinates with
   * nine decimals.
   */
  static void writeTests(Path file, int n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(
          "latitude,longitude,download_mbps,upload_mbps,latency_ms,timestamp,network,provider\n");
      StringBuilder b = new StringBuilder(128);
      for (int i = 0; i < n; i++) {
        b.setLength(0);
        // nine decimals (about 0.1 mm): a point exactly on a polygon edge or on an ST_Subdivide
        // cut line (where ST_Contains and gapmap's covers rule differ by definition) is then
        // practically impossible; with 6 decimals a few of 1 M points land exactly on such lines
        long lat = 40_490_000_000L + random.nextLong(430_000_000L);
        long lon = -74_260_000_000L + random.nextLong(560_000_000L);
        double down = Math.round(Math.pow(random.nextDouble(), 2) * 100_000) / 100.0;
        double up = Math.round(Math.pow(random.nextDouble(), 3) * 50_000) / 100.0;
        int latency = 5 + random.nextInt(120);
        b.append(nanodegrees(lat))
            .append(',')
            .append(nanodegrees(lon))
            .append(',')
            .append(down)
            .append(',')
            .append(up)
            .append(',')
            .append(latency)
            .append(',')
            .append(java.time.Instant.ofEpochSecond(1_767_225_600L + i))
            .append(random.nextBoolean() ? ",fixed," : ",mobile,")
            .append("isp")
            .append(random.nextInt(5))
            .append('\n');
        out.append(b);
      }
    }
  }

  private static String nanodegrees(long v) {
    String digits = Long.toString(Math.abs(v));
    return (v < 0 ? "-" : "")
        + digits.substring(0, digits.length() - 9)
        + "."
        + digits.substring(digits.length() - 9);
  }

  /** The polygons exactly as gapmap holds them, as hex EWKB for COPY. */
  static void writePolygons(Path file, List<Neighborhood> neighborhoods) {
    WKBWriter wkb = new WKBWriter(2, true);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("id,geom\n");
      for (Neighborhood n : neighborhoods) {
        Geometry g = n.geometry().copy();
        g.setSRID(4326);
        out.write(n.id().value() + "," + WKBWriter.toHex(wkb.write(g)) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
