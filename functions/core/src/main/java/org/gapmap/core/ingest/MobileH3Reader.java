package org.gapmap.core.ingest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.geom.EllipsoidalArea;
import org.gapmap.core.geom.H3Cells;
import org.gapmap.core.input.CsvScanner;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.gapmap.core.overlay.NeighborhoodClipper;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads hexagon coverage (the {@code mobile-h3} kind: the FCC's H3 res-8/res-9 mobile products), a
 * CSV with {@code h3_res9_id} or {@code h3_res8_id} (or {@code hex_id}), {@code technology}, {@code
 * mindown} and {@code minup}. A hexagon counts where it is covered: its polygon is clipped to the
 * neighborhoods it overlaps, so its area is split among them; a cell listed by several providers
 * counts once per tier. Feeds the same indicators as {@link MobileCoverageReader}. Stateless and
 * thread-safe.
 *
 * <p>All cells of a file must be at one resolution: H3 cells of one resolution tile the sphere
 * without overlapping, so a tier's covered area in a neighborhood is the sum of its distinct cells'
 * overlaps with it, each measured on the WGS84 ellipsoid. That sum is kept exactly ({@link
 * org.gapmap.core.aggregate.ExactSum}), so the file shards by cell ({@link #shardKey}: all rows of
 * a cell meet in one shard, however its id is spelled) and the merged shards give the whole file's
 * shares bit for bit.
 */
public final class MobileH3Reader implements ShardableReader {
  static final String H3_ID = "h3_id";
  private static final String KIND = "mobile-h3";
  private static final List<String> ID_COLUMNS =
      List.of("h3_res9_id", "h3_res8_id", "hex_id", "h3_id", "h3");
  private static final List<String> TARGETS =
      List.of(
          H3_ID,
          MobileCoverageReader.TECHNOLOGY,
          MobileCoverageReader.MINDOWN,
          MobileCoverageReader.MINUP);
  private static final MobileTier[] TIERS = MobileTier.values();
  private static final MobileTier.Technology[] TECHNOLOGIES = MobileTier.Technology.values();
  private static final int MAX_RESOLUTION = 15;

  /** Cells clipped in parallel at a time. */
  private static final int BATCH = 4096;

  // counters of a partial
  private static final int ROWS = 0;
  private static final int CELLS = 1;
  private static final int OUTSIDE = 2;
  private static final int BY_TECHNOLOGY = 3;
  private static final int BY_RESOLUTION = BY_TECHNOLOGY + TECHNOLOGIES.length;
  private static final int COUNTERS = BY_RESOLUTION + MAX_RESOLUTION + 1;

  private static final class Cell {
    final Set<MobileTier> tiers = EnumSet.noneOf(MobileTier.class);
    long rows;
  }

  /** A cell's overlap with the neighborhood at {@code position}, in m². */
  private record Overlap(int position, double squareMetres) {}

  /**
   * Rows of one cell must meet: a cell listed twice, or by several providers, counts once per tier.
   * They are routed by the cell as the reader parses it (case and spaces ignored).
   */
  @Override
  public ShardKey shardKey(UploadOptions options) {
    return ShardKey.column(H3_ID, ID_COLUMNS, options, MobileH3Reader::cellHash);
  }

  private static long cellHash(CsvScanner csv, int column) {
    try {
      return ShardKey.spread(H3Cells.parse(csv.string(column)));
    } catch (IllegalArgumentException e) {
      return csv.fieldHash(column); // not a cell: the shard that gets it rejects it
    }
  }

  @Override
  public PartialAggregate shard(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("mobile-h3 uploads have no presets; use --map");
    }
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets(KIND, TARGETS);
      int idColumn = columns.require(H3_ID, ID_COLUMNS);
      int techColumn =
          columns.require(MobileCoverageReader.TECHNOLOGY, List.of("technology", "tech"));
      int downColumn =
          columns.require(MobileCoverageReader.MINDOWN, List.of("mindown", "min_down"));
      int upColumn = columns.require(MobileCoverageReader.MINUP, List.of("minup", "min_up"));
      String idName = table.header().get(idColumn);
      int expectedResolution =
          idName.equalsIgnoreCase("h3_res9_id")
              ? 9
              : idName.equalsIgnoreCase("h3_res8_id") ? 8 : -1;
      PartialAggregate partial =
          PartialAggregate.ofSums(KIND, region.neighborhoods().size(), COUNTERS, TIERS.length);
      Map<Long, Cell> cells = new LinkedHashMap<>();
      int resolution = -1;
      String first = null;
      for (CsvTable.Row row : table) {
        String where = "line " + row.line();
        long cell;
        try {
          cell = H3Cells.parse(row.get(idColumn));
        } catch (IllegalArgumentException e) {
          throw new InputRejectedException(input.name(), where, idName, e.getMessage());
        }
        int r = H3Cells.resolution(cell);
        if (expectedResolution >= 0 && r != expectedResolution) {
          throw new InputRejectedException(
              input.name(),
              where,
              idName,
              "cell "
                  + row.get(idColumn).strip()
                  + " is at resolution "
                  + r
                  + ", but the column says res "
                  + expectedResolution);
        }
        if (first == null) {
          first = where;
          resolution = r;
        } else if (r != resolution) {
          throw new InputRejectedException(
              input.name(),
              where,
              idName,
              "cell "
                  + row.get(idColumn).strip()
                  + " is at resolution "
                  + r
                  + " but the first cell ("
                  + first
                  + ") is at resolution "
                  + resolution
                  + ": all cells must be at one resolution, as cells of different resolutions"
                  + " overlap");
        }
        MobileTier.Technology tech =
            FieldValues.technology(
                input.name(), where, table.header().get(techColumn), row.get(techColumn));
        double down =
            FieldValues.nonNegative(
                input.name(), where, table.header().get(downColumn), row.get(downColumn));
        double up =
            FieldValues.nonNegative(
                input.name(), where, table.header().get(upColumn), row.get(upColumn));
        partial.count(ROWS, 1);
        partial.count(BY_TECHNOLOGY + tech.ordinal(), 1);
        partial.count(BY_RESOLUTION + r, 1);
        Cell c = cells.computeIfAbsent(cell, k -> new Cell());
        c.tiers.addAll(MobileTier.of(tech, down, up));
        c.rows++;
      }
      partial.count(CELLS, cells.size());
      overlay(cells, region, partial);
      return partial;
    }
  }

  /**
   * Adds each cell's overlaps to the sums of its tiers and counts the rows of cells outside every
   * neighborhood. Cells are clipped and measured in parallel batches; the sums are exact, so the
   * order they are added in does not matter.
   */
  private static void overlay(Map<Long, Cell> cells, RegionContext region, PartialAggregate out) {
    List<Neighborhood> neighborhoods = region.neighborhoods();
    Map<NeighborhoodId, Integer> position = new HashMap<>();
    for (int i = 0; i < neighborhoods.size(); i++) {
      position.put(neighborhoods.get(i).id(), i);
    }
    NeighborhoodClipper clipper = new NeighborhoodClipper(neighborhoods);
    List<Map.Entry<Long, Cell>> all = new ArrayList<>(cells.entrySet());
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Map.Entry<Long, Cell>> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      List<List<Overlap>> overlaps =
          batch.parallelStream()
              .map(e -> overlaps(clipper, position, e.getKey(), !e.getValue().tiers.isEmpty()))
              .toList();
      for (int i = 0; i < batch.size(); i++) {
        Cell c = batch.get(i).getValue();
        List<Overlap> cellOverlaps = overlaps.get(i);
        if (cellOverlaps.isEmpty()) {
          out.count(OUTSIDE, c.rows);
          continue;
        }
        for (Overlap o : cellOverlaps) {
          for (MobileTier tier : c.tiers) {
            out.sum(tier.ordinal(), o.position()).add(o.squareMetres());
          }
        }
      }
    }
  }

  /**
   * The cell's overlap with each neighborhood it meets (empty when it meets none); areas are only
   * measured when {@code measure} (a cell in no tier only counts as inside or outside).
   */
  private static List<Overlap> overlaps(
      NeighborhoodClipper clipper,
      Map<NeighborhoodId, Integer> position,
      long cell,
      boolean measure) {
    Polygon polygon = H3Cells.polygon(cell);
    List<NeighborhoodClipper.Piece> pieces = clipper.clip(polygon);
    List<Overlap> overlaps = new ArrayList<>(pieces.size());
    for (NeighborhoodClipper.Piece p : pieces) {
      double area =
          !measure
              ? 0
              : p.whole()
                  ? p.neighborhood().areaKm2() * 1e6
                  : EllipsoidalArea.squareMetres(p.clipped());
      overlaps.add(new Overlap(position.get(p.neighborhood().id()), area));
    }
    return overlaps;
  }

  @Override
  public ReadResult finish(
      String sourceName, PartialAggregate merged, RegionContext region, UploadOptions options) {
    long rows = merged.counter(ROWS);
    if (rows == 0) {
      throw new InputRejectedException(sourceName, null, null, "no data rows after the header");
    }
    Map<Integer, Long> byResolution = new TreeMap<>();
    for (int r = 0; r <= MAX_RESOLUTION; r++) {
      if (merged.counter(BY_RESOLUTION + r) > 0) {
        byResolution.put(r, merged.counter(BY_RESOLUTION + r));
      }
    }
    if (byResolution.size() > 1) {
      throw new InputRejectedException(
          sourceName,
          null,
          null,
          "cells at resolutions "
              + byResolution.keySet()
              + ": all cells must be at one resolution, as cells of different resolutions overlap");
    }
    Set<MobileTier> reported = EnumSet.noneOf(MobileTier.class);
    Map<String, Long> byTechnology = new TreeMap<>();
    for (MobileTier.Technology tech : TECHNOLOGIES) {
      long n = merged.counter(BY_TECHNOLOGY + tech.ordinal());
      if (n > 0) {
        reported.addAll(MobileTier.reportedBy(tech));
        byTechnology.put(tech.name().substring(1) + "G", n);
      }
    }
    List<Neighborhood> neighborhoods = region.neighborhoods();
    Map<NeighborhoodId, Map<String, Double>> areas = new TreeMap<>();
    for (int i = 0; i < neighborhoods.size(); i++) {
      Neighborhood n = neighborhoods.get(i);
      double total = n.areaKm2() * 1e6;
      Map<String, Double> byTier = new TreeMap<>();
      for (MobileTier tier : TIERS) {
        if (merged.hasSum(tier.ordinal(), i)) {
          byTier.put(tier.indicator(), Math.min(merged.sum(tier.ordinal(), i).value(), total));
        }
      }
      if (!byTier.isEmpty()) {
        areas.put(n.id(), byTier);
      }
    }
    long outside = merged.counter(OUTSIDE);
    List<String> notes = new ArrayList<>();
    notes.add(
        rows
            + " rows name "
            + merged.counter(CELLS)
            + " distinct cells (by resolution "
            + byResolution
            + "; by technology "
            + byTechnology
            + "); each cell counts once per tier");
    if (outside > 0) {
      notes.add(outside + " rows name cells outside every neighborhood of the region");
    }
    notes.add(
        "shares are of the area of each tier's distinct cells, split among the neighborhoods they"
            + " overlap and measured on the WGS84 ellipsoid: "
            + reported.stream().map(MobileTier::indicator).toList());
    return new ReadResult(
        KIND,
        CoverageShares.indicators(region, reported, areas),
        new IngestReport(rows, rows - outside, outside, 0, notes));
  }
}
