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
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.geom.GeoJsonFeatureReader;
import org.gapmap.core.geom.QuadkeyTile;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.gapmap.core.overlay.AreaWeightedMeans;
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
 * <p>Indicators, for neighborhoods that tiles with tests overlap: {@code tile_download_mbps_mean},
 * {@code tile_upload_mbps_mean}, {@code tile_latency_ms_mean} (weighted means) and {@code
 * tile_tests} (tests apportioned by the share of each tile's area inside the neighborhood).
 */
public final class TilesReader implements UploadReader {
  static final String QUADKEY = "quadkey";
  static final String DOWN = "avg_d_kbps";
  static final String UP = "avg_u_kbps";
  static final String LATENCY = "avg_lat_ms";
  static final String TESTS = "tests";
  static final String DEVICES = "devices";
  private static final List<String> TARGETS = List.of(QUADKEY, DOWN, UP, LATENCY, TESTS, DEVICES);
  private static final List<String> REQUIRED = List.of(QUADKEY, DOWN, UP, LATENCY, TESTS);

  static final String DOWNLOAD_MEAN = "tile_download_mbps_mean";
  static final String UPLOAD_MEAN = "tile_upload_mbps_mean";
  static final String LATENCY_MEAN = "tile_latency_ms_mean";
  static final String TILE_TESTS = "tile_tests";

  /** One tile as read, before the overlay. */
  private record Tile(
      String where, QuadkeyTile tile, double down, double up, double lat, long tests) {}

  @Override
  public ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("tiles uploads have no presets; use --map");
    }
    List<Tile> tiles = isJson(input) ? readGeoJson(input, options) : readCsv(input, options);
    if (tiles.isEmpty()) {
      throw new InputRejectedException(input.name(), null, null, "the file has no tiles");
    }
    return overlay(input.name(), tiles, region);
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

  private static List<Tile> readCsv(InputSource input, UploadOptions options) {
    List<Tile> tiles = new ArrayList<>();
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets("tiles", TARGETS);
      Map<String, Integer> index = new HashMap<>();
      for (String target : REQUIRED) {
        index.put(target, columns.require(target, List.of(target)));
      }
      Function<String, String> columnName = t -> table.header().get(index.get(t));
      Map<String, String> seen = new HashMap<>();
      for (CsvTable.Row row : table) {
        tiles.add(
            tile(
                input.name(),
                "line " + row.line(),
                t -> row.get(index.get(t)),
                columnName,
                seen,
                tiles));
      }
    }
    return tiles;
  }

  private static List<Tile> readGeoJson(InputSource input, UploadOptions options) {
    List<Tile> tiles = new ArrayList<>();
    PropertyNames names = new PropertyNames("tiles", TARGETS, options.columns());
    Map<String, String> seen = new HashMap<>();
    GeoJsonFeatureReader.read(
        input,
        f -> {
          String where = "feature " + f.number();
          Map<String, String> property = new HashMap<>();
          for (String target : REQUIRED) {
            property.put(target, names.require(input.name(), where, f, target));
          }
          tiles.add(
              tile(
                  input.name(),
                  where,
                  t -> {
                    Object v = f.properties().get(property.get(t));
                    return v == null ? "" : v.toString();
                  },
                  property::get,
                  seen,
                  tiles));
        });
    return tiles;
  }

  private static Tile tile(
      String source,
      String where,
      Function<String, String> value,
      Function<String, String> column,
      Map<String, String> seen,
      List<Tile> earlier) {
    String quadkey = value.apply(QUADKEY).strip();
    QuadkeyTile tile;
    try {
      tile = QuadkeyTile.parse(quadkey);
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException(source, where, column.apply(QUADKEY), e.getMessage());
    }
    if (!earlier.isEmpty() && earlier.get(0).tile().zoom() != tile.zoom()) {
      throw new InputRejectedException(
          source,
          where,
          column.apply(QUADKEY),
          "quadkey "
              + quadkey
              + " is at zoom "
              + tile.zoom()
              + " but the first tile ("
              + earlier.get(0).where()
              + ") is at zoom "
              + earlier.get(0).tile().zoom()
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
    double tests = FieldValues.nonNegative(source, where, column.apply(TESTS), value.apply(TESTS));
    if (tests != Math.rint(tests)) {
      throw new InputRejectedException(
          source, where, column.apply(TESTS), "expected a whole number of tests, found " + tests);
    }
    return new Tile(where, tile, down / 1000.0, up / 1000.0, lat, (long) tests);
  }

  private static ReadResult overlay(String source, List<Tile> tiles, RegionContext region) {
    NeighborhoodClipper clipper = new NeighborhoodClipper(region.neighborhoods());
    AreaWeightedMeans means = new AreaWeightedMeans();
    Map<NeighborhoodId, Double> tests = new HashMap<>();
    long outside = 0;
    long withoutTests = 0;
    for (Tile t : tiles) {
      Polygon polygon = t.tile().polygon();
      List<NeighborhoodClipper.Piece> pieces = clipper.clip(polygon);
      if (pieces.isEmpty()) {
        outside++;
        continue;
      }
      if (t.tests() == 0) {
        withoutTests++;
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
        NeighborhoodId id = p.neighborhood().id();
        means.add(id, DOWNLOAD_MEAN, t.down(), weight);
        means.add(id, UPLOAD_MEAN, t.up(), weight);
        means.add(id, LATENCY_MEAN, t.lat(), weight);
        tests.merge(id, t.tests() * Math.min(1.0, overlap / tileArea), Double::sum);
      }
    }
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    for (Neighborhood n : region.neighborhoods()) {
      Double apportioned = tests.get(n.id());
      if (apportioned == null) {
        continue;
      }
      Map<String, Double> v = new LinkedHashMap<>();
      v.put(TILE_TESTS, Math.round(apportioned * 10) / 10.0);
      for (String name : List.of(DOWNLOAD_MEAN, UPLOAD_MEAN, LATENCY_MEAN)) {
        means.mean(n.id(), name).ifPresent(m -> v.put(name, Math.round(m * 1000) / 1000.0));
      }
      out.put(n.id(), Indicators.of(v));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        (tiles.size() - outside)
            + " of "
            + tiles.size()
            + " tiles (zoom "
            + tiles.get(0).tile().zoom()
            + ") meet "
            + out.size()
            + " neighborhoods; means weighted by overlap area x tests");
    if (outside > 0) {
      notes.add(outside + " tiles lie outside every neighborhood of the region");
    }
    if (withoutTests > 0) {
      notes.add(withoutTests + " tiles report 0 tests and carry no weight");
    }
    return new ReadResult(
        "tiles", out, new IngestReport(tiles.size(), tiles.size() - outside, outside, 0, notes));
  }
}
