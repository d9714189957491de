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
public final class PointsReader implements UploadReader {
  /** Labels become indicator name prefixes. */
  public static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,40}");

  static final String DEFAULT_LABEL = "points";
  private static final List<String> LATITUDE_NAMES = List.of("latitude", "lat", "y");
  private static final List<String> LONGITUDE_NAMES =
      List.of("longitude", "lon", "lng", "long", "x");

  @Override
  public ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    String label = options.label() == null ? DEFAULT_LABEL : options.label();
    if (!LABEL.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "--label '" + label + "' must be lower-case letters, digits and underscores");
    }
    if (options.preset() != null) {
      throw new IllegalArgumentException("points uploads have no presets; use --map");
    }
    if (isGeoJson(input)) {
      if (!options.columns().isEmpty()) {
        throw new IllegalArgumentException("--map applies to CSV files, not GeoJSON points");
      }
      return countFeatures(input, region, label);
    }
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets("points", List.of("latitude", "longitude"));
      int latColumn = columns.require("latitude", LATITUDE_NAMES);
      int lonColumn = columns.require("longitude", LONGITUDE_NAMES);
      return count(table, region, label, latColumn, lonColumn);
    }
  }

  private static ReadResult count(
      CsvTable table, RegionContext region, String label, int latColumn, int lonColumn) {
    Map<NeighborhoodId, Long> counts = new HashMap<>();
    long read = 0;
    long used = 0;
    long outside = 0;
    long outsideButInsideSwapped = 0;
    long blank = 0;
    for (CsvTable.Row row : table) {
      read++;
      OptionalDouble lat = coordinate(table, row, latColumn, 90);
      OptionalDouble lon = coordinate(table, row, lonColumn, 180);
      if (lat.isEmpty() || lon.isEmpty()) {
        blank++;
        continue;
      }
      Optional<NeighborhoodId> hit = region.index().locate(lon.getAsDouble(), lat.getAsDouble());
      if (hit.isPresent()) {
        counts.merge(hit.get(), 1L, Long::sum);
        used++;
      } else {
        outside++;
        if (Math.abs(lon.getAsDouble()) <= 90
            && region.index().locate(lat.getAsDouble(), lon.getAsDouble()).isPresent()) {
          outsideButInsideSwapped++;
        }
      }
    }
    if (read == 0) {
      throw new InputRejectedException(table.source(), null, null, "no data rows after the header");
    }
    if (outside > used && outsideButInsideSwapped * 10 >= outside * 9) {
      throw new InputRejectedException(
          table.source(),
          null,
          table.header().get(latColumn) + "/" + table.header().get(lonColumn),
          "latitude and longitude look swapped: "
              + outside
              + " of "
              + read
              + " rows fall outside region "
              + region.regionId()
              + " but "
              + outsideButInsideSwapped
              + " of them fall inside once swapped; fix the file or the mapping (--map latitude=..."
              + " --map longitude=...)");
    }
    return result(region, label, counts, read, used, outside, blank);
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
