package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.overlay.CoverageOverlay;
import org.gapmap.core.overlay.LocalPostgis;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.util.GeometricShapeFactory;

/**
 * 100,000 overlapping coverage polygons of three providers against the 195 NYC NTAs: 5G area shares
 * from gapmap's overlay and from PostGIS ({@code ST_Union}, {@code ST_Intersection}, geography
 * areas). Not part of the default run: {@code -Dgapmap.benchmark=true}; see docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "gapmap.benchmark", matches = "true")
class CoverageBenchmark {
  private static final int POLYGONS = Integer.getInteger("gapmap.benchmark.polygons", 100_000);

  /** Overlay runs in the one JVM: the first is cold, the later ones warm (at least 2). */
  private static final int RUNS = Math.max(2, Integer.getInteger("gapmap.benchmark.runs", 3));

  @Test
  void fiveGAreaSharesFor195Ntas(@TempDir Path dir) throws Exception {
    List<Neighborhood> ntas =
        RegionImporter.read(
                InputSource.of(NycData.copy(NycData.NTA2010, dir)),
                new RegionImportOptions("NTACode", "NTAName", null, List.of()))
            .neighborhoods();
    List<Polygon> coverage = coverage(new Random(42), POLYGONS);

    Map<NeighborhoodId, Double> ours = new HashMap<>();
    long[] nanos = new long[RUNS];
    HeapPeak heap = HeapPeak.start();
    for (int run = 0; run < nanos.length; run++) {
      long t0 = System.nanoTime();
      CoverageOverlay overlay = new CoverageOverlay(ntas);
      coverage.forEach(c -> overlay.add(List.of("5g"), c));
      Map<NeighborhoodId, Map<String, Double>> areas = overlay.squareMetres();
      for (Neighborhood n : ntas) {
        ours.put(
            n.id(),
            areas.getOrDefault(n.id(), Map.of()).getOrDefault("5g", 0.0) / (n.areaKm2() * 1e6));
      }
      nanos[run] = System.nanoTime() - t0;
    }
    long[] peak = heap.stop();
    System.out.printf(
        Locale.ROOT,
        "gapmap overlay: %d polygons, %d NTAs, %d cores, collector %s: runs %s s (first: cold"
            + " JVM); heap: most in use %d MB, most live after a collection %d MB (sampled every 2"
            + " ms)%n",
        coverage.size(),
        ntas.size(),
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList(),
        Arrays.stream(nanos).mapToObj(n -> n / 1e9).toList(),
        peak[0] >> 20,
        peak[1] >> 20);

    Optional<LocalPostgis> started = LocalPostgis.start();
    if (started.isEmpty()) {
      System.out.println("PostGIS not installed: no comparison");
      return;
    }
    try (LocalPostgis pg = started.get()) {
      Path nb = pg.workDirectory().resolve("nb.tsv");
      Path cov = pg.workDirectory().resolve("cov.tsv");
      StringBuilder b = new StringBuilder();
      ntas.forEach(
          n -> b.append(n.id().value()).append('\t').append(n.geometry().toText()).append('\n'));
      Files.writeString(nb, b);
      b.setLength(0);
      coverage.forEach(c -> b.append(c.toText()).append('\n'));
      Files.writeString(cov, b);
      pg.sql(
          "CREATE TABLE nb_raw (id text, wkt text); CREATE TABLE cov_raw (wkt text);\n"
              + "COPY nb_raw FROM '"
              + nb
              + "';\nCOPY cov_raw FROM '"
              + cov
              + "';\n"
              + "CREATE TABLE nb AS SELECT id, ST_GeomFromText(wkt, 4326) AS geom FROM nb_raw;\n"
              + "CREATE TABLE cov AS SELECT ST_GeomFromText(wkt, 4326) AS geom FROM cov_raw;\n"
              + "CREATE INDEX ON cov USING gist (geom); ANALYZE;");
      // Two ways an expert would ask: one union of all coverage, clipped per neighborhood; or, per
      // neighborhood, the union of only the coverage its GiST index join finds. Both are timed.
      Map<String, String> queries = new java.util.LinkedHashMap<>();
      queries.put(
          "global ST_Union, then ST_Intersection per NTA",
          "WITH u AS (SELECT ST_Union(geom) AS geom FROM cov)\n"
              + "SELECT nb.id || '|' || ST_Area(ST_Intersection(nb.geom, u.geom)::geography)"
              + " / ST_Area(nb.geom::geography) FROM nb, u;\n");
      queries.put(
          "per-NTA ST_Union of the coverage an index join finds",
          "SELECT nb.id || '|' || COALESCE(ST_Area(ST_Intersection(nb.geom, ST_Union(c.geom))"
              + "::geography), 0) / ST_Area(nb.geom::geography)\n"
              + "FROM nb LEFT JOIN cov c ON ST_Intersects(nb.geom, c.geom) GROUP BY nb.id, nb.geom;\n");
      for (Map.Entry<String, String> query : queries.entrySet()) {
        List<String> out =
            pg.sql(
                "SELECT 'T|' || extract(epoch FROM clock_timestamp());\n"
                    + query.getValue()
                    + "SELECT 'T|' || extract(epoch FROM clock_timestamp());");
        double t0 = Double.parseDouble(out.get(0).substring(2));
        double t1 = Double.parseDouble(out.get(out.size() - 1).substring(2));
        double maxDiff = 0;
        for (String line : out.subList(1, out.size() - 1)) {
          String[] p = line.split("\\|");
          maxDiff =
              Math.max(
                  maxDiff, Math.abs(ours.get(NeighborhoodId.of(p[0])) - Double.parseDouble(p[1])));
        }
        double warmest = Arrays.stream(nanos, 1, RUNS).min().orElseThrow() / 1e9;
        double warm = Arrays.stream(nanos, 1, RUNS).max().orElseThrow() / 1e9;
        System.out.printf(
            Locale.ROOT,
            "PostGIS (%s) + geography areas: %.2f s = %.1fx gapmap cold, %.1f-%.1fx warm;"
                + " largest share difference %.2e%n",
            query.getKey(),
            t1 - t0,
            (t1 - t0) / (nanos[0] / 1e9),
            (t1 - t0) / warm,
            (t1 - t0) / warmest,
            maxDiff);
        assertThat(maxDiff).as(query.getKey()).isLessThan(0.001);
      }
    }
  }

  /**
   * The heap while the overlay runs, from a daemon thread sampling every 2 ms: the most in use
   * (live data and garbage not yet collected) and the most left after a collection (close to the
   * live data). {@link #stop} once, from any thread.
   */
  private static final class HeapPeak {
    private final Thread thread = new Thread(this::sample, "heap-peak");
    private volatile boolean running = true;
    private volatile long used;
    private volatile long afterGc;

    static HeapPeak start() {
      HeapPeak peak = new HeapPeak();
      peak.thread.setDaemon(true);
      peak.thread.start();
      return peak;
    }

    private void sample() {
      while (running) {
        used = Math.max(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
          if (c instanceof com.sun.management.GarbageCollectorMXBean gc
              && gc.getLastGcInfo() != null) {
            afterGc =
                Math.max(
                    afterGc,
                    gc.getLastGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(MemoryUsage::getUsed)
                        .sum());
          }
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long[] stop() throws InterruptedException {
      running = false;
      thread.join();
      return new long[] {used, afterGc};
    }
  }

  /**
   * Ellipses of 50-400 m across with 8-40 vertices over New York City's bounding box, dealt to
   * three providers in turn; together they cover about four fifths of it, most places more than
   * once.
   */
  static List<Polygon> coverage(Random random, int count) {
    GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
    GeometricShapeFactory shapes = new GeometricShapeFactory(factory);
    List<Polygon> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      shapes.setCentre(
          new Coordinate(-74.26 + random.nextDouble() * 0.56, 40.49 + random.nextDouble() * 0.43));
      shapes.setWidth(0.0005 + random.nextDouble() * 0.0035);
      shapes.setHeight(0.0005 + random.nextDouble() * 0.0035);
      shapes.setRotation(random.nextDouble() * Math.PI);
      shapes.setNumPoints(8 + random.nextInt(33));
      out.add(shapes.createEllipse());
    }
    return out;
  }
}
