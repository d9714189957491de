package org.gapmap.core.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.geom.GeoJsonFeatureReader;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.Numbers;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;

/**
 * Reads infrastructure points (the {@code points} kind: small-cell poles, towers, public Wi-Fi)
 * from a CSV with latitude and longitude columns or a GeoJSON FeatureCollection of Point features,
 * and counts them per neighborhood by point-in-polygon. Rows outside the region are counted and
 * reported; a file whose rows mostly fall outside but inside once latitude and longitude are
 * swapped is rejected as swapped. Stateless and thread-safe.
 *
 * <p>Indicators, for every neighborhood of the region: {@code <label>_count} and {@code
 * <label>_per_km2} (count per square kilometre of ellipsoidal area).
 */
public final class PointsReader implements ShardableReader {
  /** Labels become indicator name prefixes. */
  public static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,40}");

  static final String DEFAULT_LABEL = "points";
  private static final List<String> LATITUDE_NAMES = List.of("latitude", "lat", "y");
  private static final List<String> LONGITUDE_NAMES =
      List.of("longitude", "lon", "lng", "long", "x");

  // counters of a partial
  private static final int READ = 0;
  private static final int USED = 1;
  private static final int OUTSIDE = 2;
  private static final int SWAPPED_INSIDE = 3;
  private static final int BLANK = 4;
  private static final int COUNTERS = 5;

  @Override
  public ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    String label = label(options);
    if (isGeoJson(input)) {
      if (!options.columns().isEmpty()) {
        throw new IllegalArgumentException("--map applies to CSV files, not GeoJSON points");
      }
      return countFeatures(input, region, label);
    }
    return ShardableReader.super.read(input, region, options);
  }

  /** A GeoJSON FeatureCollection has no rows to split at; it is read whole. */
  @Override
  public boolean splits(InputSource input) {
    return !isGeoJson(input);
  }

  /** Points are counted one by one: any split of the rows is exact. */
  @Override
  public ShardKey shardKey(UploadOptions options) {
    return ShardKey.anywhere();
  }

  /** Counts the points of a CSV slice; GeoJSON points are read whole by {@link #read}. */
  @Override
  public PartialAggregate shard(InputSource input, RegionContext region, UploadOptions options) {
    label(options);
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets("points", List.of("latitude", "longitude"));
      int latColumn = columns.require("latitude", LATITUDE_NAMES);
      int lonColumn = columns.require("longitude", LONGITUDE_NAMES);
      return count(table, region, latColumn, lonColumn);
    }
  }

  private static String label(UploadOptions options) {
    String label = options.label() == null ? DEFAULT_LABEL : options.label();
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "--label '" + label + "' must be lower-case letters, digits and underscores");
    }
    if (options.preset() != null) {
      throw new IllegalArgumentException("points uploads have no presets; use --map");
    }
    return label;
  }

  private static PartialAggregate count(
      CsvTable table, RegionContext region, int latColumn, int lonColumn) {
    List<Neighborhood> neighborhoods = region.neighborhoods();
    Map<NeighborhoodId, Integer> position = new HashMap<>();
    for (int i = 0; i < neighborhoods.size(); i++) {
      position.put(neighborhoods.get(i).id(), i);
    }
    PartialAggregate partial = PartialAggregate.ofPoints("points", neighborhoods.size(), COUNTERS);
    partial.detail(table.header().get(latColumn) + "/" + table.header().get(lonColumn));
    for (CsvTable.Row row : table) {
      partial.count(READ, 1);
      OptionalDouble lat = coordinate(table, row, latColumn, 90);
      OptionalDouble lon = coordinate(table, row, lonColumn, 180);
      if (lat.isEmpty() || lon.isEmpty()) {
        partial.count(BLANK, 1);
        continue;
      }
      Optional<NeighborhoodId> hit = region.index().locate(lon.getAsDouble(), lat.getAsDouble());
      if (hit.isPresent()) {
        partial.addPoint(position.get(hit.get()));
        partial.count(USED, 1);
      } else {
        partial.count(OUTSIDE, 1);
        if (Math.abs(lon.getAsDouble()) <= 90
            && region.index().locate(lat.getAsDouble(), lon.getAsDouble()).isPresent()) {
          partial.count(SWAPPED_INSIDE, 1);
        }
      }
    }
    return partial;
  }

  @Override
  public ReadResult finish(
      String sourceName, PartialAggregate merged, RegionContext region, UploadOptions options) {
    long read = merged.counter(READ);
    long used = merged.counter(USED);
    long outside = merged.counter(OUTSIDE);
    long swappedInside = merged.counter(SWAPPED_INSIDE);
    if (read == 0) {
      throw new InputRejectedException(sourceName, null, null, "no data rows after the header");
    }
    SwappedCoordinates.check(
        sourceName, merged.details().get(0), region.regionId(), read, used, outside, swappedInside);
    Map<NeighborhoodId, Long> counts = new HashMap<>();
    List<Neighborhood> neighborhoods = region.neighborhoods();
    for (int i = 0; i < neighborhoods.size(); i++) {
      if (merged.points(i) > 0) {
        counts.put(neighborhoods.get(i).id(), merged.points(i));
      }
    }
    return result(region, label(options), counts, read, used, outside, merged.counter(BLANK));
  }

  /** Whether the input's first non-blank character opens a JSON object. */
  private static boolean isGeoJson(InputSource input) {
    try (java.io.InputStream in = input.openDecoded()) {
      int b;
      do {
        b = in.read();
      } while (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB
          || b == 0xBF);
      return b == '{';
    } catch (java.io.IOException e) {
      throw new InputRejectedException(input.name(), null, null, "cannot read: " + e, e);
    }
  }

  /** Points from a GeoJSON FeatureCollection of Point or MultiPoint features. */
  private static ReadResult countFeatures(InputSource input, RegionContext region, String label) {
    Map<NeighborhoodId, Long> counts = new HashMap<>();
    long[] n = new long[4]; // read, used, outside, without geometry
    GeoJsonFeatureReader.read(
        input,
        feature -> {
          n[0]++;
          Geometry g = feature.geometry();
          if (g == null || g.isEmpty()) {
            n[3]++;
            return;
          }
          if (!(g instanceof Point) && !(g instanceof MultiPoint)) {
            throw new InputRejectedException(
                input.name(),
                "feature " + feature.number(),
                "geometry",
                "expected a Point or MultiPoint, found a " + g.getGeometryType());
          }
          for (Coordinate c : g.getCoordinates()) {
            Optional<NeighborhoodId> hit = region.index().locate(c.x, c.y);
            if (hit.isPresent()) {
              counts.merge(hit.get(), 1L, Long::sum);
              n[1]++;
            } else {
              n[2]++;
            }
          }
        });
    if (n[0] == 0) {
      throw new InputRejectedException(input.name(), null, null, "no features in the collection");
    }
    return result(region, label, counts, n[0], n[1], n[2], n[3]);
  }

  private static ReadResult result(
      RegionContext region,
      String label,
      Map<NeighborhoodId, Long> counts,
      long read,
      long used,
      long outside,
      long blank) {
    List<String> notes = new ArrayList<>();
    notes.add(used + " of " + read + " points located in a neighborhood");
    if (outside > 0) {
      notes.add(
          outside + " points fall outside every neighborhood of the region and were not counted");
    }
    if (blank > 0) {
      notes.add(blank + " rows without coordinates were skipped");
    }
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    for (Neighborhood n : region.neighborhoods()) {
      long c = counts.getOrDefault(n.id(), 0L);
      Map<String, Double> v = new LinkedHashMap<>();
      v.put(label + "_count", (double) c);
      if (n.areaKm2() > 0) {
        v.put(label + "_per_km2", Math.round(c / n.areaKm2() * 10_000) / 10_000.0);
      }
      out.put(n.id(), Indicators.of(v));
    }
    return new ReadResult(label, out, new IngestReport(read, used, outside, blank, notes));
  }

  private static OptionalDouble coordinate(
      CsvTable table, CsvTable.Row row, int column, double limit) {
    String text = row.get(column);
    OptionalDouble v;
    try {
      v = Numbers.parse(text);
    } catch (NumberFormatException e) {
      throw InputRejectedException.atLine(
          table.source(),
          row.line(),
          table.header().get(column),
          "expected a decimal degree, found \"" + text + "\"");
    }
    if (v.isPresent() && Math.abs(v.getAsDouble()) > limit) {
      throw InputRejectedException.atLine(
          table.source(),
          row.line(),
          table.header().get(column),
          "value " + text + " is outside -" + (int) limit + ".." + (int) limit + " degrees");
    }
    return v;
  }
}
