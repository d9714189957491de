package org.gapmap.core.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.Numbers;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * Reads household adoption tables keyed by neighborhood id (the {@code adoption} kind), such as the
 * NYC Internet Master Plan ({@code --preset nyc-imp}), or ACS table B28002 keyed by census tract
 * ({@code --preset acs-b28002}, see {@link AcsB28002Reader}). Shares are accepted as fractions
 * (0-1) or percentages (0-100), decided per column: a column with any value above 1 is read as
 * percentages. Thousands separators ({@code "24,140"}) and {@code N/A} or blank cells are
 * understood. A row with 0 households (parks, cemeteries, airports) gets no adoption shares: a
 * share of nothing is not 0 %. Stateless and thread-safe.
 *
 * <p>Indicators: {@code households}, {@code population}, {@code home_broadband_adoption}, {@code
 * mobile_broadband_adoption}, {@code mobile_dependent_share}, {@code no_home_broadband_households}.
 */
public final class AdoptionReader implements UploadReader {
  static final String ID = "id";
  static final String HOUSEHOLDS = "households";
  static final String POPULATION = "population";
  static final String HOME = "home_broadband_adoption";
  static final String MOBILE = "mobile_broadband_adoption";
  static final String MOBILE_DEPENDENT = "mobile_dependent_share";
  static final String NO_HOME_HOUSEHOLDS = "no_home_broadband_households";

  private static final List<String> SHARES = List.of(HOME, MOBILE, MOBILE_DEPENDENT);
  private static final List<String> TARGETS =
      List.of(ID, HOUSEHOLDS, POPULATION, HOME, MOBILE, MOBILE_DEPENDENT);

  private static final Map<String, Map<String, String>> PRESETS =
      Map.of(
          "nyc-imp",
          Map.of(
              ID, "Neighborhood Tabulation Area Code (NTA Code)",
              HOUSEHOLDS, "Total Number of Households",
              POPULATION, "Total Population",
              HOME, "Home Broadband Adoption (Percentage of Households)",
              MOBILE, "Mobile Broadband Adoption (Percentage of Households)",
              MOBILE_DEPENDENT, "Mobile Dependent Households (Percentage of Households)"));

  /** The preset names this reader knows. */
  public static List<String> presets() {
    List<String> names = new ArrayList<>(new TreeMap<>(PRESETS).keySet());
    names.add(AcsB28002Reader.PRESET);
    return List.copyOf(new java.util.TreeSet<>(names));
  }

  private record Row(long line, String id, Map<String, Double> values) {}

  @Override
  public ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    if (AcsB28002Reader.PRESET.equals(options.preset())) {
      return new AcsB28002Reader().read(input, region, options);
    }
    Map<String, String> preset =
        options
            .presetName()
            .map(
                name -> {
                  Map<String, String> p = PRESETS.get(name);
                  if (p == null) {
                    throw new IllegalArgumentException(
                        "unknown adoption preset '"
                            + name
                            + "'; known presets: "
                            + String.join(", ", presets()));
                  }
                  return p;
                })
            .orElse(Map.of());
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), preset);
      columns.checkTargets("adoption", TARGETS);
      int idColumn = columns.require(ID, List.of("id", "neighborhood_id", "geoid", "NTACode"));
      Map<String, Integer> valueColumns = new LinkedHashMap<>();
      for (String target : List.of(HOUSEHOLDS, POPULATION, HOME, MOBILE, MOBILE_DEPENDENT)) {
        columns.find(target, List.of(target)).ifPresent(i -> valueColumns.put(target, i));
      }
      if (SHARES.stream().noneMatch(valueColumns::containsKey)) {
        throw new InputRejectedException(
            input.name(),
            "line 1",
            null,
            "no adoption column: expected at least one of "
                + String.join(", ", SHARES)
                + " (or --map them, or --preset "
                + String.join("|", presets())
                + ")");
      }
      List<Row> rows = readRows(table, idColumn, valueColumns);
      return toIndicators(input.name(), table.header(), rows, valueColumns, region);
    }
  }

  private static List<Row> readRows(
      CsvTable table, int idColumn, Map<String, Integer> valueColumns) {
    List<Row> rows = new ArrayList<>();
    Map<String, Long> firstLine = new HashMap<>();
    for (CsvTable.Row row : table) {
      String id = row.get(idColumn).strip();
      if (id.isEmpty()) {
        throw InputRejectedException.atLine(
            table.source(), row.line(), table.header().get(idColumn), "blank neighborhood id");
      }
      Long previous = firstLine.putIfAbsent(id, row.line());
      if (previous != null) {
        throw InputRejectedException.atLine(
            table.source(),
            row.line(),
            table.header().get(idColumn),
            "neighborhood id '" + id + "' appears again (first on line " + previous + ")");
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> c : valueColumns.entrySet()) {
        String text = row.get(c.getValue());
        OptionalDouble v;
        try {
          v = Numbers.parse(text);
        } catch (NumberFormatException e) {
          throw InputRejectedException.atLine(
              table.source(),
              row.line(),
              table.header().get(c.getValue()),
              "expected a number (or N/A), found \"" + text + "\"");
        }
        if (v.isPresent()) {
          if (v.getAsDouble() < 0) {
            throw InputRejectedException.atLine(
                table.source(),
                row.line(),
                table.header().get(c.getValue()),
                "negative value " + text + ": expected 0 or more");
          }
          values.put(c.getKey(), v.getAsDouble());
        }
      }
      rows.add(new Row(row.line(), id, values));
    }
    if (rows.isEmpty()) {
      throw new InputRejectedException(table.source(), null, null, "no data rows after the header");
    }
    return rows;
  }

  private static ReadResult toIndicators(
      String source,
      List<String> header,
      List<Row> rows,
      Map<String, Integer> valueColumns,
      RegionContext region) {
    List<String> notes = new ArrayList<>();
    Map<String, Double> divisor = new HashMap<>();
    for (String share : SHARES) {
      double max =
          rows.stream().mapToDouble(r -> r.values().getOrDefault(share, 0.0)).max().orElse(0);
      boolean percent = max > 1;
      // divide rather than multiply by 0.01, so 35 % reads as 0.35 and not 0.35000000000000003
      divisor.put(share, percent ? 100.0 : 1.0);
      if (percent && valueColumns.containsKey(share)) {
        notes.add(share + ": read as percentages (0-100) and divided by 100");
      }
    }
    Map<NeighborhoodId, Indicators> out = new TreeMap<>();
    List<String> unmatched = new ArrayList<>();
    List<String> noHouseholds = new ArrayList<>();
    for (Row row : rows) {
      NeighborhoodId id = NeighborhoodId.of(row.id());
      if (region.neighborhood(id).isEmpty()) {
        unmatched.add(row.id());
        continue;
      }
      Map<String, Double> v = new LinkedHashMap<>(row.values());
      for (String share : SHARES) {
        if (v.containsKey(share)) {
          double s = v.get(share) / divisor.get(share);
          if (s > 1) {
            throw InputRejectedException.atLine(
                source,
                row.line(),
                header.get(valueColumns.get(share)),
                "share " + v.get(share) + " is above 100 %");
          }
          v.put(share, s);
        }
      }
      Double households = v.get(HOUSEHOLDS);
      if (households != null && households == 0) {
        SHARES.forEach(v::remove);
        noHouseholds.add(row.id());
      } else if (households != null && v.containsKey(HOME)) {
        v.put(NO_HOME_HOUSEHOLDS, (double) Math.round(households * (1 - v.get(HOME))));
      }
      out.put(id, Indicators.of(v));
    }
    if (out.isEmpty()) {
      throw new InputRejectedException(
          source,
          null,
          header.get(0),
          "no row matches a neighborhood of region "
              + region.regionId()
              + " (first ids in the file: "
              + String.join(", ", unmatched.subList(0, Math.min(5, unmatched.size())))
              + "); is this the right region and id column?");
    }
    if (!noHouseholds.isEmpty()) {
      notes.add(
          noHouseholds.size()
              + " neighborhoods with 0 households get no adoption shares: "
              + String.join(", ", noHouseholds));
    }
    if (!unmatched.isEmpty()) {
      notes.add(
          unmatched.size()
              + " rows name no neighborhood of the region and were skipped: "
              + String.join(", ", unmatched.subList(0, Math.min(20, unmatched.size())))
              + (unmatched.size() > 20 ? ", ..." : ""));
    }
    long missing = region.neighborhoods().stream().filter(n -> !out.containsKey(n.id())).count();
    if (missing > 0) {
      notes.add(missing + " neighborhoods of the region have no row in the table");
    }
    IngestReport report = new IngestReport(rows.size(), out.size(), 0, unmatched.size(), notes);
    return new ReadResult("adoption", out, report);
  }
}
