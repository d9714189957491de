package org.gapmap.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.geom.GeoJsonFeatureReader;
import org.gapmap.core.geom.QuadkeyTile;
import org.gapmap.core.input.CsvScanner;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.gapmap.core.overlay.NeighborhoodClipper;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads aggregated speed-test tiles in the Ookla open-data layout (the {@code tiles} kind), CSV or
 * GeoJSON with {@code quadkey, avg_d_kbps, avg_u_kbps, avg_lat_ms, tests, devices}. A tile's
 * geometry comes from its quadkey (zoom 16 Web-Mercator in the published files), never from a
 * geometry column (published files carry null geometries). Each tile meets the neighborhoods it
 * overlaps; values are weighted by overlap area (m², on the ellipsoid) × tests. All tiles must be
 * at one zoom and each quadkey may appear once, so tiles never overlap. User-supplied data only:
 * its licence forbids redistribution. Stateless and thread-safe.
 *
 * <p>The weighted means are kept as exact sums of weight × value and of weights ({@link
 * org.gapmap.core.aggregate.ExactSum}), so a CSV file shards by quadkey ({@link #shardKey}: a
 * repeated quadkey meets its first in one shard and is rejected there) and the merged shards give
 * the whole file's indicators bit for bit. A GeoJSON file is read whole.
 *
 * <p>Indicators, for neighborhoods that tiles with tests overlap: {@code tile_download_mbps_mean},
 * {@code tile_upload_mbps_mean}, {@code tile_latency_ms_mean} (weighted means) and {@code
 * tile_tests} (tests apportioned by the share of each tile's area inside the neighborhood).
 */
public final class TilesReader implements ShardableReader {
  static final String QUADKEY = "quadkey";
  static final String DOWN = "avg_d_kbps";
  static final String UP = "avg_u_kbps";
  static final String LATENCY = "avg_lat_ms";
  static final String TESTS = "tests";
  static final String DEVICES = "devices";
  private static final List<String> TARGETS = List.of(QUADKEY, DOWN, UP, LATENCY, TESTS, DEVICES);
  private static final List<String> REQUIRED = List.of(QUADKEY, DOWN, UP, LATENCY, TESTS);

  /** The most tests a tile may report: whole numbers are exact as doubles up to 2^53. */
  private static final long MAX_TESTS = 1L << 53;

  static final String DOWNLOAD_MEAN = "tile_download_mbps_mean";
  static final String UPLOAD_MEAN = "tile_upload_mbps_mean";
  static final String LATENCY_MEAN = "tile_latency_ms_mean";
  static final String TILE_TESTS = "tile_tests";

  private static final String KIND = "tiles";

  // counters of a partial
  private static final int READ = 0;
  private static final int OUTSIDE = 1;
  private static final int WITHOUT_TESTS = 2;
  private static final int BY_ZOOM = 3;
  private static final int COUNTERS = BY_ZOOM + QuadkeyTile.MAX_ZOOM + 1;

  // exact sums per neighborhood
  private static final int DOWN_WEIGHTED = 0;
  private static final int UP_WEIGHTED = 1;
  private static final int LATENCY_WEIGHTED = 2;
  private static final int WEIGHT = 3;
  private static final int TESTS_APPORTIONED = 4;
  private static final int SUMS = 5;

  /** One tile as read, before the overlay. */
  private record Tile(
      String where, QuadkeyTile tile, double down, double up, double lat, long tests) {}

  /**
   * A repeated quadkey must meet its first in one shard, where it is rejected. Rows are routed by
   * the tile the quadkey names (surrounding spaces ignored, as the reader ignores them).
   */
  @Override
  public ShardKey shardKey(UploadOptions options) {
    return ShardKey.column(QUADKEY, List.of(QUADKEY), options, TilesReader::tileHash);
  }

  private static long tileHash(CsvScanner csv, int column) {
    try {
      QuadkeyTile t = QuadkeyTile.parse(csv.string(column).strip());
      return ShardKey.spread(((long) t.zoom() << 48) | ((long) t.x() << 24) | t.y());
    } catch (IllegalArgumentException e) {
      return csv.fieldHash(column); // not a quadkey: the shard that gets it rejects it
    }
  }

  /** A GeoJSON FeatureCollection has no rows to split at; it is read whole. */
  @Override
  public boolean splits(InputSource input) {
    return !isJson(input);
  }

  /** Reads a CSV slice, or a whole GeoJSON file, into exact weighted sums per neighborhood. */
  @Override
  public PartialAggregate shard(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("tiles uploads have no presets; use --map");
    }
    Overlay overlay = new Overlay(input.name(), region);
    if (isJson(input)) {
      readGeoJson(input, options, overlay);
    } else {
      readCsv(input, options, overlay);
    }
    return overlay.partial;
  }

  private static boolean isJson(InputSource input) {
    try (InputStream in = input.openDecoded()) {
      int b;
      do {
        b = in.read();
      } while (b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == 0xEF || b == 0xBB
          || b == 0xBF);
      return b == '{';
    } catch (IOException e) {
      throw new InputRejectedException(input.name(), null, null, "cannot read: " + e, e);
    }
  }

  private static void readCsv(InputSource input, UploadOptions options, Overlay overlay) {
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets(KIND, TARGETS);
      Map<String, Integer> index = new HashMap<>();
      for (String target : REQUIRED) {
        index.put(target, columns.require(target, List.of(target)));
      }
      Function<String, String> columnName = t -> table.header().get(index.get(t));
      for (CsvTable.Row row : table) {
        overlay.add(
            overlay.tile("line " + row.line(), t -> row.get(index.get(t)), columnName), columnName);
      }
    }
  }

  private static void readGeoJson(InputSource input, UploadOptions options, Overlay overlay) {
    PropertyNames names = new PropertyNames(KIND, TARGETS, options.columns());
    GeoJsonFeatureReader.read(
        input,
        f -> {
          String where = "feature " + f.number();
          Map<String, String> property = new HashMap<>();
          for (String target : REQUIRED) {
            property.put(target, names.require(input.name(), where, f, target));
          }
          overlay.add(
              overlay.tile(
                  where,
                  t -> {
                    Object v = f.properties().get(property.get(t));
                    return v == null ? "" : v.toString();
                  },
                  property::get),
              property::get);
        });
  }

  /** One slice's tiles, validated and laid over the neighborhoods as they come. */
  private static final class Overlay {
    final String source;
    final PartialAggregate partial;
    final NeighborhoodClipper clipper;
    final Map<NeighborhoodId, Integer> position = new HashMap<>();
    final Map<String, String> seen = new HashMap<>();
    Tile first;

    Overlay(String source, RegionContext region) {
      this.source = source;
      List<Neighborhood> neighborhoods = region.neighborhoods();
      this.partial = PartialAggregate.ofSums(KIND, neighborhoods.size(), COUNTERS, SUMS);
      this.clipper = new NeighborhoodClipper(neighborhoods);
      for (int i = 0; i < neighborhoods.size(); i++) {
        position.put(neighborhoods.get(i).id(), i);
      }
    }

    Tile tile(String where, Function<String, String> value, Function<String, String> column) {
      String quadkey = value.apply(QUADKEY).strip();
      QuadkeyTile tile;
      try {
        tile = QuadkeyTile.parse(quadkey);
      } catch (IllegalArgumentException e) {
        throw new InputRejectedException(source, where, column.apply(QUADKEY), e.getMessage());
      }
      if (first != null && first.tile().zoom() != tile.zoom()) {
        throw new InputRejectedException(
            source,
            where,
            column.apply(QUADKEY),
            "quadkey "
                + quadkey
                + " is at zoom "
                + tile.zoom()
                + " but the first tile ("
                + first.where()
                + ") is at zoom "
                + first.tile().zoom()
                + ": all tiles must be at one zoom so they do not overlap");
      }
      String previous = seen.putIfAbsent(quadkey, where);
      if (previous != null) {
        throw new InputRejectedException(
            source,
            where,
            column.apply(QUADKEY),
            "quadkey " + quadkey + " appears again (first at " + previous + ")");
      }
      double down = FieldValues.nonNegative(source, where, column.apply(DOWN), value.apply(DOWN));
      double up = FieldValues.nonNegative(source, where, column.apply(UP), value.apply(UP));
      double lat =
          FieldValues.nonNegative(source, where, column.apply(LATENCY), value.apply(LATENCY));
      double tests =
          FieldValues.nonNegative(source, where, column.apply(TESTS), value.apply(TESTS));
      if (tests != Math.rint(tests) || tests > MAX_TESTS) {
        throw new InputRejectedException(
            source,
            where,
            column.apply(TESTS),
            "expected a whole number of tests up to " + MAX_TESTS + ", found " + tests);
      }
      Tile t = new Tile(where, tile, down / 1000.0, up / 1000.0, lat, (long) tests);
      if (first == null) {
        first = t;
      }
      return t;
    }

    /** Lays {@code t} over the neighborhoods; {@code column} names a field's column. */
    void add(Tile t, Function<String, String> column) {
      partial.count(READ, 1);
      partial.count(BY_ZOOM + t.tile().zoom(), 1);
      Polygon polygon = t.tile().polygon();
      List<NeighborhoodClipper.Piece> pieces = clipper.clip(polygon);
      if (pieces.isEmpty()) {
        partial.count(OUTSIDE, 1);
        return;
      }
      if (t.tests() == 0) {
        partial.count(WITHOUT_TESTS, 1);
      }
      double tileArea = EllipsoidalArea.squareMetres(polygon);
      for (NeighborhoodClipper.Piece p : pieces) {
        double overlap =
            p.whole()
                ? p.neighborhood().areaKm2() * 1e6
                : EllipsoidalArea.squareMetres(p.clipped());
        if (!(overlap > 0)) {
          continue; // the tile only touches the neighborhood
        }
        double weight = overlap * t.tests();
        int n = position.get(p.neighborhood().id());
        weighted(t, column.apply(DOWN), DOWN_WEIGHTED, n, weight * t.down());
        weighted(t, column.apply(UP), UP_WEIGHTED, n, weight * t.up());
        weighted(t, column.apply(LATENCY), LATENCY_WEIGHTED, n, weight * t.lat());
        partial.sum(WEIGHT, n).add(weight);
        partial.sum(TESTS_APPORTIONED, n).add(t.tests() * Math.min(1.0, overlap / tileArea));
      }
    }

    private void weighted(Tile t, String column, int sum, int n, double product) {
      if (!Double.isFinite(product)) {
        throw new InputRejectedException(
            source,
            t.where(),
            column,
            "value too large: it overflows when weighted by the tile's area and tests");
      }
      partial.sum(sum, n).add(product);
    }
  }

  @Override
  public ReadResult finish(
      String sourceName, PartialAggregate merged, RegionContext region, UploadOptions options) {
    long read = merged.counter(READ);
    if (read == 0) {
      throw new InputRejectedException(sourceName, null, null, "the file has no tiles");
    }
    List<Integer> zooms = new ArrayList<>();
    for (int z = 0; z <= QuadkeyTile.MAX_ZOOM; z++) {
      if (merged.counter(BY_ZOOM + z) > 0) {
        zooms.add(z);
      }
    }
    if (zooms.size() > 1) {
      throw new InputRejectedException(
          sourceName,
          null,
          null,
          "tiles at zooms " + zooms + ": all tiles must be at one zoom so they do not overlap");
    }
    List<Neighborhood> neighborhoods = region.neighborhoods();
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    for (int i = 0; i < neighborhoods.size(); i++) {
      if (!merged.hasSum(TESTS_APPORTIONED, i)) {
        continue;
      }
      Map<String, Double> v = new LinkedHashMap<>();
      v.put(TILE_TESTS, Math.round(merged.sum(TESTS_APPORTIONED, i).value() * 10) / 10.0);
      double weight = merged.sum(WEIGHT, i).value();
      if (weight > 0) {
        v.put(DOWNLOAD_MEAN, mean(merged, DOWN_WEIGHTED, i, weight));
        v.put(UPLOAD_MEAN, mean(merged, UP_WEIGHTED, i, weight));
        v.put(LATENCY_MEAN, mean(merged, LATENCY_WEIGHTED, i, weight));
      }
      out.put(neighborhoods.get(i).id(), Indicators.of(v));
    }
    long outside = merged.counter(OUTSIDE);
    long withoutTests = merged.counter(WITHOUT_TESTS);
    List<String> notes = new ArrayList<>();
    notes.add(
        (read - outside)
            + " of "
            + read
            + " tiles (zoom "
            + zooms.get(0)
            + ") meet "
            + out.size()
            + " neighborhoods; means weighted by overlap area x tests");
    if (outside > 0) {
      notes.add(outside + " tiles lie outside every neighborhood of the region");
    }
    if (withoutTests > 0) {
      notes.add(withoutTests + " tiles report 0 tests and carry no weight");
    }
    return new ReadResult(KIND, out, new IngestReport(read, read - outside, outside, 0, notes));
  }

  private static double mean(PartialAggregate merged, int sum, int n, double weight) {
    return Math.round(merged.sum(sum, n).value() / weight * 1000) / 1000.0;
  }
}
