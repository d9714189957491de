package org.gapmap.core.region;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.gapmap.core.input.CsvTable;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.store.ScoreStore;

/**
 * Registers a crosswalk with a region from a CSV table: one column holds the keys (census tract
 * GEOIDs), another the region's neighborhood ids. Tract keys must be 11 digits; a key listed twice
 * with different neighborhoods is rejected; rows naming a neighborhood the region lacks are counted
 * and reported. A rejected file leaves any earlier crosswalk in place. Thread-safe if the store is.
 */
public final class CrosswalkRegistrar {
  private static final Pattern TRACT = Pattern.compile("\\d{11}");

  private final ScoreStore store;
  private final Clock clock;

  /** What was registered, with notes for the user. */
  public record Registered(Crosswalk crosswalk, List<String> notes) {
    public Registered {
      notes = List.copyOf(notes);
    }
  }

  public CrosswalkRegistrar(ScoreStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reads, validates and stores the crosswalk, replacing the region's crosswalk of that name.
   *
   * @param name what the keys are; {@link Crosswalk#TRACT} keys must be 11-digit GEOIDs
   * @throws NoSuchElementException if the region is unknown
   * @throws InputRejectedException if the file is rejected
   */
  public Registered register(
      RegionId regionId, String name, InputSource input, String fromColumn, String toColumn) {
    if (store.region(regionId).isEmpty()) {
      throw new NoSuchElementException("no region " + regionId + "; add it with 'region add'");
    }
    Set<NeighborhoodId> known = new TreeSet<>();
    for (Neighborhood n : store.neighborhoods(regionId)) {
      known.add(n.id());
    }
    Map<String, NeighborhoodId> mapping = new LinkedHashMap<>();
    Map<String, Long> firstLine = new HashMap<>();
    Set<String> unknownTargets = new TreeSet<>();
    long rows = 0;
    long unmatchedRows = 0;
    try (CsvTable table = CsvTable.open(input)) {
      int from = table.requireColumn(fromColumn, "--from-column");
      int to = table.requireColumn(toColumn, "--to-column");
      for (CsvTable.Row row : table) {
        rows++;
        String key = row.get(from).strip();
        String target = row.get(to).strip();
        if (key.isEmpty() || (Crosswalk.TRACT.equals(name) && !TRACT.matcher(key).matches())) {
          throw InputRejectedException.atLine(
              table.source(),
              row.line(),
              fromColumn,
              Crosswalk.TRACT.equals(name)
                  ? "expected an 11-digit census tract GEOID, found \"" + key + "\""
                  : "blank key");
        }
        if (target.isEmpty()) {
          throw InputRejectedException.atLine(
              table.source(), row.line(), toColumn, "blank neighborhood id");
        }
        NeighborhoodId id = NeighborhoodId.of(target);
        if (!known.contains(id)) {
          unknownTargets.add(target);
          unmatchedRows++;
          continue;
        }
        NeighborhoodId earlier = mapping.putIfAbsent(key, id);
        if (earlier != null && !earlier.equals(id)) {
          throw InputRejectedException.atLine(
              table.source(),
              row.line(),
              toColumn,
              "key "
                  + key
                  + " maps to "
                  + target
                  + " here but to "
                  + earlier
                  + " on line "
                  + firstLine.get(key)
                  + "; a crosswalk maps each key to one neighborhood");
        }
        firstLine.putIfAbsent(key, row.line());
      }
      if (rows == 0) {
        throw new InputRejectedException(
            table.source(), null, null, "no data rows after the header");
      }
      if (mapping.isEmpty()) {
        throw new InputRejectedException(
            table.source(),
            null,
            toColumn,
            "no row names a neighborhood of region "
                + regionId
                + " (first ids in the file: "
                + String.join(", ", unknownTargets.stream().limit(5).toList())
                + "); is this the right region and column?");
      }
    }
    Crosswalk crosswalk =
        new Crosswalk(regionId, name, fileName(input.name()), clock.instant(), mapping);
    store.putCrosswalk(crosswalk);
    List<String> notes = new ArrayList<>();
    Set<NeighborhoodId> reached = new TreeSet<>(mapping.values());
    notes.add(
        mapping.size()
            + " keys map to "
            + reached.size()
            + " of the region's "
            + known.size()
            + " neighborhoods");
    if (unmatchedRows > 0) {
      notes.add(
          unmatchedRows
              + " rows name no neighborhood of the region and were skipped: "
              + String.join(", ", unknownTargets.stream().limit(20).toList()));
    }
    return new Registered(crosswalk, notes);
  }

  private static String fileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }
}
