package org.gapmap.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gapmap.core.ingest.BdcFixedReader;
import org.gapmap.core.ingest.ReadResult;
import org.gapmap.core.ingest.RegionContext;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;

/**
 * FCC BDC fixed availability per NYC NTA 2020 neighborhood through the tract crosswalk: gapmap's
 * {@code bdc-fixed} reader against the same BEAD classification written in SQL and run by
 * PostgreSQL/PostGIS (COPY, one GROUP BY per location, a join to the crosswalk, {@code
 * percentile_cont}), on one generated file whose rows of a location are scattered through it.
 * Counts, shares and medians must agree exactly. Run it in a 512 MB heap to show the bound.
 *
 * <p>Usage: {@code BdcVsPostgis [bytes] [--no-postgis]} (default 2 GB).
 */
public final class BdcVsPostgis {
  /** What one comparison found. */
  public record Result(
      long bytes,
      long rows,
      long locations,
      Timing gapmap,
      long peakHeapBytes,
      long peakHeapAfterGcBytes,
      long maxHeapBytes,
      Timing postgisLoad,
      Timing postgisAggregate,
      List<String> mismatches) {}

  private BdcVsPostgis() {}

  public static void main(String[] args) throws IOException {
    long bytes = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
    boolean postgis = !List.of(args).contains("--no-postgis");
    Result r = run(bytes, postgis);
    System.out.printf(
        Locale.ROOT,
        "bdc-fixed: %,d bytes, %,d rows, %,d residential locations in NYC%n",
        r.bytes(),
        r.rows(),
        r.locations());
    System.out.printf(
        Locale.ROOT,
        "gapmap   read CSV + classify + aggregate: %s (%,.0f rows per CPU second, %,.0f per"
            + " wall second)%n",
        r.gapmap(),
        r.rows() / r.gapmap().cpu(),
        r.rows() / r.gapmap().wall());
    System.out.printf(
        Locale.ROOT,
        "         heap: at most %,d MB in use, at most %,d MB live after a collection, of a %,d MB"
            + " maximum heap%n",
        r.peakHeapBytes() >> 20,
        r.peakHeapAfterGcBytes() >> 20,
        r.maxHeapBytes() >> 20);
    if (postgis) {
      Timing pg = r.postgisLoad().plus(r.postgisAggregate());
      System.out.printf(
          Locale.ROOT,
          "PostGIS  COPY %s + per-location GROUP BY, crosswalk join, percentile_cont %s = %s%n",
          r.postgisLoad(),
          r.postgisAggregate(),
          pg);
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
  }

  /** Generates about {@code bytes} of rows, reads them with gapmap and PostGIS, compares. */
  public static Result run(long bytes, boolean postgis) throws IOException {
    Path dir = Files.createTempDirectory("gapmap-bench-");
    Path file = dir.resolve("bdc.csv");
    Path tracts = dir.resolve("tracts.csv");
    try {
      Crosswalk crosswalk = NycRegions.tracts();
      long rows = BdcData.write(file, bytes, List.copyOf(crosswalk.mapping().keySet()), 7L);
      writeTracts(tracts, crosswalk);
      RegionContext region =
          new RegionContext(NycRegions.NTA2020, NycRegions.nta2020(), List.of(crosswalk));

      System.gc();
      HeapWatch heap = HeapWatch.start();
      Timing.Stopwatch watch = Timing.start();
      ReadResult gapmap =
          new BdcFixedReader().read(InputSource.of(file), region, UploadOptions.defaults());
      Timing gapmapTime = watch.stop();
      long[] peaks = heap.stop();
      long locations =
          gapmap.indicators().values().stream()
              .mapToLong(i -> i.value("bsl_count").orElse(0.0).longValue())
              .sum();
      if (!postgis) {
        return new Result(
            Files.size(file),
            rows,
            locations,
            gapmapTime,
            peaks[0],
            peaks[1],
            Runtime.getRuntime().maxMemory(),
            null,
            null,
            List.of());
      }
      try (PostgisServer pg = PostgisServer.start()) {
        pg.query("CREATE TABLE xwalk (geoid text PRIMARY KEY, nta text NOT NULL)");
        pg.copyCsv("xwalk", tracts);
        List<String> out =
            pg.script(
                "SET max_parallel_workers_per_gather = 0;\n"
                    + "CREATE UNLOGGED TABLE bdc (frn text, provider_id bigint, brand_name text,"
                    + " location_id bigint, technology int, down float8, up float8,"
                    + " low_latency int, brc text, state_usps text, block_geoid text,"
                    + " h3_res8_id text);\n"
                    + PostgisServer.mark("t0")
                    + "\\copy bdc FROM '"
                    + file.toAbsolutePath()
                    + "' WITH (FORMAT csv, HEADER true)\n"
                    + PostgisServer.mark("t1")
                    + "WITH loc AS (SELECT location_id, min(block_geoid) AS block,"
                    + " max(CASE WHEN technology IN (10, 40, 50, 71, 72) AND low_latency = 1 THEN"
                    + " CASE WHEN down >= 100 AND up >= 20 THEN 2 WHEN down >= 25 AND up >= 3"
                    + " THEN 1 ELSE 0 END ELSE 0 END) AS cls,"
                    + " bool_or(technology = 50) AS fiber,"
                    + " count(DISTINCT provider_id) AS providers"
                    + " FROM bdc WHERE brc IN ('R', 'X') GROUP BY location_id)"
                    + " SELECT 'row', x.nta, count(*),"
                    + " (count(*) FILTER (WHERE cls = 0))::float8 / count(*),"
                    + " (count(*) FILTER (WHERE cls = 1))::float8 / count(*),"
                    + " (count(*) FILTER (WHERE cls = 2))::float8 / count(*),"
                    + " (count(*) FILTER (WHERE fiber))::float8 / count(*),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY providers)"
                    + " FROM loc JOIN xwalk x ON x.geoid = left(loc.block, 11)"
                    + " GROUP BY x.nta ORDER BY x.nta;\n"
                    + PostgisServer.mark("t2"));
        Map<String, Timing.Mark> marks = Timing.marks(out);
        List<String> result =
            out.stream().filter(l -> l.startsWith("row,")).map(l -> l.substring(4)).toList();
        return new Result(
            Files.size(file),
            rows,
            locations,
            gapmapTime,
            peaks[0],
            peaks[1],
            Runtime.getRuntime().maxMemory(),
            marks.get("t1").since(marks.get("t0")),
            marks.get("t2").since(marks.get("t1")),
            compare(result, gapmap.indicators()));
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(tracts);
      Files.deleteIfExists(dir);
    }
  }

  private static void writeTracts(Path file, Crosswalk crosswalk) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("geoid,nta\n");
      for (Map.Entry<String, NeighborhoodId> e : crosswalk.mapping().entrySet()) {
        out.write(e.getKey() + "," + e.getValue().value() + "\n");
      }
    }
  }

  private static List<String> compare(List<String> rows, Map<NeighborhoodId, Indicators> gapmap) {
    String[] names = {
      "bsl_count",
      "unserved_share",
      "underserved_share",
      "served_share",
      "fiber_share",
      "provider_count_median"
    };
    List<String> mismatches = new ArrayList<>();
    if (rows.size() != gapmap.size()) {
      mismatches.add(
          "gapmap has locations in " + gapmap.size() + " neighborhoods, PostGIS in " + rows.size());
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
}
