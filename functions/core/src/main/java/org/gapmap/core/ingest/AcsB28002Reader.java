package org.gapmap.core.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.Numbers;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadRecord.IngestReport;

/**
 * The {@code adoption} preset {@code acs-b28002}: American Community Survey table B28002 (presence
 * and types of internet subscriptions in household) as the Census Bureau publishes it, keyed by
 * census tract ({@code GEO_ID} like {@code 1400000US36005000100}, or an 11-digit {@code GEOID}) and
 * brought to neighborhoods through the region's tract crosswalk, or keyed by neighborhood id.
 * Household counts are summed per neighborhood before shares are taken, so shares are
 * household-weighted exactly. The label row under the header in data.census.gov downloads is
 * skipped; ACS "not available" codes (-666666666 and the like) count as missing. Stateless and
 * thread-safe.
 *
 * <p>Indicators: {@code households} (B28002_001E), {@code home_broadband_adoption} (cable, fiber or
 * DSL, B28002_007E, per household), {@code mobile_broadband_adoption} (cellular data plan,
 * B28002_005E), {@code mobile_dependent_share} (cellular data plan and no other subscription,
 * B28002_006E), {@code no_home_broadband_households} (001 - 007).
 */
final class AcsB28002Reader {
  static final String PRESET = "acs-b28002";

  private static final Pattern TRACT = Pattern.compile("(?:.*US)?(\\d{11})");
  private static final Set<Double> NOT_AVAILABLE =
      Set.of(-666666666.0, -999999999.0, -888888888.0, -222222222.0, -555555555.0, -333333333.0);
  private static final List<String> ESTIMATES =
      List.of("B28002_001E", "B28002_005E", "B28002_006E", "B28002_007E");

  ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    Optional<Crosswalk> tracts = region.crosswalk(Crosswalk.TRACT);
    try (CsvTable table = CsvTable.open(input)) {
      ColumnResolver columns = new ColumnResolver(table, options.columns(), Map.of());
      columns.checkTargets("adoption (acs-b28002)", List.of("id"));
      int idColumn = columns.require("id", List.of("GEO_ID", "GEOID", "id", "NTACode"));
      int[] estimate = new int[ESTIMATES.size()];
      for (int i = 0; i < estimate.length; i++) {
        estimate[i] = table.requireColumn(ESTIMATES.get(i), "the acs-b28002 preset");
      }
      Map<NeighborhoodId, double[]> sums = new TreeMap<>();
      List<String> unmatched = new ArrayList<>();
      long rows = 0;
      long used = 0;
      long notAvailable = 0;
      for (CsvTable.Row row : table) {
        String key = row.get(idColumn).strip();
        if (key.equalsIgnoreCase("Geography") || key.equalsIgnoreCase("id")) {
          continue; // the label row of data.census.gov downloads
        }
        rows++;
        if (key.isEmpty()) {
          throw InputRejectedException.atLine(
              table.source(), row.line(), table.header().get(idColumn), "blank GEO_ID");
        }
        double[] values = new double[estimate.length];
        boolean complete = true;
        for (int i = 0; i < estimate.length; i++) {
          OptionalDouble v = number(table, row, estimate[i]);
          if (v.isEmpty()) {
            complete = false;
            continue;
          }
          values[i] = v.getAsDouble();
        }
        if (!complete) {
          notAvailable++;
          continue;
        }
        Optional<NeighborhoodId> target = target(key, tracts, region);
        if (target.isEmpty()) {
          unmatched.add(key);
          continue;
        }
        used++;
        double[] sum = sums.computeIfAbsent(target.get(), k -> new double[estimate.length]);
        for (int i = 0; i < estimate.length; i++) {
          sum[i] += values[i];
        }
      }
      if (rows == 0) {
        throw new InputRejectedException(
            table.source(), null, null, "no data rows after the header");
      }
      if (sums.isEmpty()) {
        throw new InputRejectedException(
            table.source(),
            null,
            table.header().get(idColumn),
            "no row reaches a neighborhood of region "
                + region.regionId()
                + (tracts.isEmpty()
                    ? " (no tract crosswalk is registered: add one with 'region crosswalk')"
                    : "")
                + "; first keys: "
                + String.join(", ", unmatched.subList(0, Math.min(5, unmatched.size()))));
      }
      Map<NeighborhoodId, Indicators> out = new TreeMap<>();
      sums.forEach((id, sum) -> out.put(id, Indicators.of(indicators(sum))));
      List<String> notes = new ArrayList<>();
      notes.add(
          used
              + " rows summed into "
              + out.size()
              + " neighborhoods"
              + (tracts.isPresent() ? " through the tract crosswalk" : ""));
      if (!unmatched.isEmpty()) {
        notes.add(
            unmatched.size()
                + " rows reach no neighborhood of the region and were skipped: "
                + String.join(", ", unmatched.subList(0, Math.min(10, unmatched.size())))
                + (unmatched.size() > 10 ? ", ..." : ""));
      }
      if (notAvailable > 0) {
        notes.add(notAvailable + " rows without estimates (ACS not-available codes) were skipped");
      }
      return new ReadResult(
          "adoption", out, new IngestReport(rows, used, unmatched.size(), notAvailable, notes));
    }
  }

  private static Map<String, Double> indicators(double[] sum) {
    Map<String, Double> v = new LinkedHashMap<>();
    double households = sum[0];
    v.put(AdoptionReader.HOUSEHOLDS, households);
    if (households > 0) {
      v.put(AdoptionReader.HOME, sum[3] / households);
      v.put(AdoptionReader.MOBILE, sum[1] / households);
      v.put(AdoptionReader.MOBILE_DEPENDENT, sum[2] / households);
      v.put(AdoptionReader.NO_HOME_HOUSEHOLDS, households - sum[3]);
    }
    return v;
  }

  private static Optional<NeighborhoodId> target(
      String key, Optional<Crosswalk> tracts, RegionContext region) {
    Matcher tract = TRACT.matcher(key);
    if (tract.matches() && tracts.isPresent()) {
      return tracts.get().target(tract.group(1));
    }
    NeighborhoodId id = NeighborhoodId.of(key);
    return region.neighborhood(id).isPresent() ? Optional.of(id) : Optional.empty();
  }

  private static OptionalDouble number(CsvTable table, CsvTable.Row row, int column) {
    String text = row.get(column);
    OptionalDouble v;
    try {
      v = Numbers.parse(text);
    } catch (NumberFormatException e) {
      throw InputRejectedException.atLine(
          table.source(),
          row.line(),
          table.header().get(column),
          "expected a household count, found \"" + text + "\"");
    }
    if (v.isPresent() && v.getAsDouble() < 0) {
      if (NOT_AVAILABLE.contains(v.getAsDouble())) {
        return OptionalDouble.empty();
      }
      throw InputRejectedException.atLine(
          table.source(),
          row.line(),
          table.header().get(column),
          "negative household count " + text);
    }
    return v;
  }
}
