package org.gapmap.core.ingest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.gapmap.core.geom.H3Cells;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;
import org.gapmap.core.overlay.CoverageOverlay;

/**
 * Reads hexagon coverage (the {@code mobile-h3} kind: the FCC's H3 res-8/res-9 mobile products), a
 * CSV with {@code h3_res9_id} or {@code h3_res8_id} (or {@code hex_id}), {@code technology}, {@code
 * mindown} and {@code minup}. A hexagon counts where it is covered: its polygon is clipped to the
 * neighborhoods it overlaps, so its area is split among them; a cell listed by several providers
 * counts once. Feeds the same indicators as {@link MobileCoverageReader}. Stateless and
 * thread-safe.
 */
public final class MobileH3Reader implements UploadReader {
  static final String H3_ID = "h3_id";
  private static final List<String> ID_COLUMNS =
      List.of("h3_res9_id", "h3_res8_id", "hex_id", "h3_id", "h3");
  private static final List<String> TARGETS =
      List.of(
          H3_ID,
          MobileCoverageReader.TECHNOLOGY,
          MobileCoverageReader.MINDOWN,
          MobileCoverageReader.MINUP);

  private static final class Cell {
    final Set<MobileTier> tiers = EnumSet.noneOf(MobileTier.class);
    long rows;
  }

  @Override
  public ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    if (options.preset() != null) {
      throw new IllegalArgumentException("mobile-h3 uploads have no presets; use --map");
    }
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets("mobile-h3", TARGETS);
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
      Map<Long, Cell> cells = new LinkedHashMap<>();
      Set<MobileTier> reported = EnumSet.noneOf(MobileTier.class);
      Map<String, Long> byTechnology = new TreeMap<>();
      Map<Integer, Long> byResolution = new TreeMap<>();
      long rows = 0;
      for (CsvTable.Row row : table) {
        rows++;
        String where = "line " + row.line();
        long cell;
        try {
          cell = H3Cells.parse(row.get(idColumn));
        } catch (IllegalArgumentException e) {
          throw new InputRejectedException(input.name(), where, idName, e.getMessage());
        }
        int resolution = H3Cells.resolution(cell);
        if (expectedResolution >= 0 && resolution != expectedResolution) {
          throw new InputRejectedException(
              input.name(),
              where,
              idName,
              "cell "
                  + row.get(idColumn).strip()
                  + " is at resolution "
                  + resolution
                  + ", but the column says res "
                  + expectedResolution);
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
        reported.addAll(MobileTier.reportedBy(tech));
        byTechnology.merge(tech.name().substring(1) + "G", 1L, Long::sum);
        byResolution.merge(resolution, 1L, Long::sum);
        Cell c = cells.computeIfAbsent(cell, k -> new Cell());
        c.tiers.addAll(MobileTier.of(tech, down, up));
        c.rows++;
      }
      if (rows == 0) {
        throw new InputRejectedException(input.name(), null, null, "no data rows after the header");
      }
      CoverageOverlay overlay = new CoverageOverlay(region.neighborhoods());
      cells.forEach(
          (cell, c) ->
              overlay.add(
                  c.tiers.stream().map(MobileTier::indicator).toList(),
                  H3Cells.polygon(cell),
                  c.rows));
      Map<NeighborhoodId, Map<String, Double>> areas = overlay.squareMetres();
      long outside = overlay.outside();
      List<String> notes = new ArrayList<>();
      notes.add(
          rows
              + " rows name "
              + cells.size()
              + " distinct cells (by resolution "
              + byResolution
              + "; by technology "
              + byTechnology
              + "); each cell counts once per tier");
      if (outside > 0) {
        notes.add(outside + " rows name cells outside every neighborhood of the region");
      }
      notes.add(
          "shares are of the union of each tier's cells, split among the neighborhoods they overlap"
              + " and measured on the WGS84 ellipsoid: "
              + reported.stream().map(MobileTier::indicator).toList());
      return new ReadResult(
          "mobile-h3",
          CoverageShares.indicators(region, reported, areas),
          new IngestReport(rows, rows - outside, outside, 0, notes));
    }
  }
}
