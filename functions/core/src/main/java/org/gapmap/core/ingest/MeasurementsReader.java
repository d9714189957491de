package org.gapmap.core.ingest;

import com.carrotsearch.hppc.LongHashSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.geom.PointGrid;
import org.gapmap.core.input.CsvScanner;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * Reads point speed tests (the {@code measurements} kind: crowdsourced tests, M-Lab NDT, challenge
 * evidence) from a CSV with {@code latitude, longitude, download_mbps, upload_mbps} and optional
 * {@code latency_ms, timestamp, network} ({@code fixed} or {@code mobile}) and {@code provider},
 * locates each test in a neighborhood and aggregates per neighborhood exactly. Stateless and
 * thread-safe.
 *
 * <p>Indicators: {@code measurement_count}, {@code measured_below_25_3_share} (share of tests below
 * 25 Mbps down or 3 Mbps up), and exact medians {@code measured_download_mbps_median}, {@code
 * measured_upload_mbps_median}, {@code measured_latency_ms_median}; where the file gives the
 * network type, the same again per type with the suffix {@code _fixed} or {@code _mobile}.
 *
 * <p>Rejected (exit status 3, nothing stored): missing columns, non-numeric, NaN or negative speeds
 * and latencies, coordinates out of range or swapped, unknown network types, an empty file. Rows
 * outside every neighborhood are counted and reported; rows without coordinates are skipped and
 * reported; exact duplicate rows are counted and ignored.
 */
public final class MeasurementsReader implements ShardableReader {
  static final String LATITUDE = "latitude";
  static final String LONGITUDE = "longitude";
  static final String DOWNLOAD = "download_mbps";
  static final String UPLOAD = "upload_mbps";
  static final String LATENCY = "latency_ms";
  static final String TIMESTAMP = "timestamp";
  static final String NETWORK = "network";
  static final String PROVIDER = "provider";

  private static final List<String> TARGETS =
      List.of(LATITUDE, LONGITUDE, DOWNLOAD, UPLOAD, LATENCY, TIMESTAMP, NETWORK, PROVIDER);
  private static final List<String> NETWORKS = List.of("fixed", "mobile");

  // counters of a partial
  private static final int READ = 0;
  private static final int USED = 1;
  private static final int OUTSIDE = 2;
  private static final int SWAPPED_INSIDE = 3;
  private static final int BLANK = 4;
  private static final int DUPLICATES = 5;
  private static final int COUNTERS = 6;

  /** Whole identical records must meet in one shard to be counted once. */
  @Override
  public ShardKey shardKey(UploadOptions options) {
    return ShardKey.record();
  }

  @Override
  public PartialAggregate shard(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("measurements uploads have no presets; use --map");
    }
    try (CsvScanner csv = CsvScanner.open(input)) {
      ColumnResolver columns = new ColumnResolver(csv, options.columns(), Map.of());
      columns.checkTargets("measurements", TARGETS);
      Columns c =
          new Columns(
              columns.require(LATITUDE, List.of(LATITUDE, "lat")),
              columns.require(LONGITUDE, List.of(LONGITUDE, "lon", "lng", "long")),
              columns.require(DOWNLOAD, List.of(DOWNLOAD, "download")),
              columns.require(UPLOAD, List.of(UPLOAD, "upload")),
              columns.find(LATENCY, List.of(LATENCY, "latency")).orElse(-1),
              columns.find(NETWORK, List.of(NETWORK, "network_type")).orElse(-1));
      return aggregate(csv, region, c);
    }
  }

  private record Columns(int lat, int lon, int down, int up, int latency, int network) {}

  private static PartialAggregate aggregate(CsvScanner csv, RegionContext region, Columns c) {
    PointGrid grid = region.grid();
    List<NeighborhoodId> ids = grid.ids();
    // group 0: all tests; 1 + n: tests of network n
    PartialAggregate partial =
        PartialAggregate.ofMeasurements("measurements", ids.size(), COUNTERS, 1 + NETWORKS.size());
    partial.detail(csv.header().get(c.lat()) + "/" + csv.header().get(c.lon()));
    LongHashSet seen = new LongHashSet();
    long read = 0;
    long used = 0;
    long outside = 0;
    long swappedInside = 0;
    long blank = 0;
    long duplicates = 0;
    while (csv.next()) {
      read++;
      if (csv.isBlank(c.lat()) && csv.isBlank(c.lon())) {
        blank++;
        continue;
      }
      double lat = coordinate(csv, c.lat(), 90);
      double lon = coordinate(csv, c.lon(), 180);
      double down = measure(csv, c.down(), true);
      double up = measure(csv, c.up(), true);
      double latency = c.latency() < 0 ? Double.NaN : measure(csv, c.latency(), false);
      int network = c.network() < 0 ? -1 : network(csv, c.network());
      if (!seen.add(csv.recordHash())) {
        duplicates++;
        continue;
      }
      int at = grid.locate(lon, lat);
      if (at < 0) {
        outside++;
        if (Math.abs(lon) <= 90 && grid.locate(lat, lon) >= 0) {
          swappedInside++;
        }
        continue;
      }
      used++;
      partial.measurements(0, at).add(down, up, latency);
      if (network >= 0) {
        partial.measurements(1 + network, at).add(down, up, latency);
      }
    }
    partial.count(READ, read);
    partial.count(USED, used);
    partial.count(OUTSIDE, outside);
    partial.count(SWAPPED_INSIDE, swappedInside);
    partial.count(BLANK, blank);
    partial.count(DUPLICATES, duplicates);
    return partial;
  }

  @Override
  public ReadResult finish(
      String sourceName, PartialAggregate merged, RegionContext region, UploadOptions options) {
    long read = merged.counter(READ);
    long used = merged.counter(USED);
    long outside = merged.counter(OUTSIDE);
    long swappedInside = merged.counter(SWAPPED_INSIDE);
    long blank = merged.counter(BLANK);
    long duplicates = merged.counter(DUPLICATES);
    if (read == 0) {
      throw new InputRejectedException(sourceName, null, null, "no data rows after the header");
    }
    SwappedCoordinates.check(
        sourceName, merged.details().get(0), region.regionId(), read, used, outside, swappedInside);
    List<NeighborhoodId> ids = region.grid().ids();
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    for (int i = 0; i < ids.size(); i++) {
      Map<String, Double> v = new LinkedHashMap<>();
      if (merged.hasMeasurements(0, i)) {
        v.putAll(merged.measurements(0, i).indicators(""));
      }
      for (int n = 0; n < NETWORKS.size(); n++) {
        if (merged.hasMeasurements(1 + n, i)) {
          v.putAll(merged.measurements(1 + n, i).indicators("_" + NETWORKS.get(n)));
        }
      }
      if (!v.isEmpty()) {
        out.put(ids.get(i), Indicators.of(v));
      }
    }
    List<String> notes = new ArrayList<>();
    notes.add(used + " of " + read + " tests located in a neighborhood of " + out.size());
    if (outside > 0) {
      notes.add(outside + " tests fall outside every neighborhood of the region and were not used");
    }
    if (blank > 0) {
      notes.add(blank + " rows without coordinates were skipped");
    }
    if (duplicates > 0) {
      notes.add(duplicates + " exact duplicate rows were counted once");
    }
    return new ReadResult(
        "measurements", out, new IngestReport(read, used, outside, blank + duplicates, notes));
  }

  private static double coordinate(CsvScanner csv, int column, double limit) {
    double v;
    try {
      v = csv.number(column);
    } catch (NumberFormatException e) {
      throw reject(csv, column, "expected a decimal degree, found \"" + csv.string(column) + "\"");
    }
    if (Double.isNaN(v)) {
      throw reject(csv, column, "blank coordinate (the other one is given)");
    }
    if (Math.abs(v) > limit) {
      throw reject(
          csv,
          column,
          "value "
              + csv.string(column)
              + " is outside -"
              + (int) limit
              + ".."
              + (int) limit
              + " degrees");
    }
    return v;
  }

  private static double measure(CsvScanner csv, int column, boolean required) {
    double v;
    try {
      v = csv.number(column);
    } catch (NumberFormatException e) {
      throw reject(
          csv,
          column,
          "expected a finite number of 0 or more, found \"" + csv.string(column) + "\"");
    }
    if (Double.isNaN(v)) {
      if (required) {
        throw reject(csv, column, "blank value: every test needs a download and upload speed");
      }
      return v;
    }
    if (v < 0) {
      throw reject(csv, column, "negative value " + csv.string(column) + ": expected 0 or more");
    }
    return v;
  }

  private static int network(CsvScanner csv, int column) {
    if (csv.isBlank(column)) {
      return -1;
    }
    String text = csv.string(column).strip().toLowerCase(Locale.ROOT);
    int n = NETWORKS.indexOf(text);
    if (n < 0) {
      throw reject(
          csv,
          column,
          "unknown network type \"" + csv.string(column) + "\": expected fixed, mobile or blank");
    }
    return n;
  }

  private static InputRejectedException reject(CsvScanner csv, int column, String reason) {
    return InputRejectedException.atLine(
        csv.source(), csv.line(), csv.header().get(column), reason);
  }
}
