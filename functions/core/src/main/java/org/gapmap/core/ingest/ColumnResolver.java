package org.gapmap.core.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.input.CsvHeader;
import org.gapmap.core.input.InputRejectedException;

/**
 * Finds the file's column for each target field: first the user's {@code --map target=column}, then
 * the preset's column, then the usual names. A mapping that names a column the file lacks is an
 * error, never silently ignored.
 */
final class ColumnResolver {
  private final CsvHeader table;
  private final Map<String, String> userMap;
  private final Map<String, String> preset;

  ColumnResolver(CsvHeader table, Map<String, String> userMap, Map<String, String> preset) {
    this.table = table;
    this.userMap = userMap;
    this.preset = preset;
  }

  /** The column index for {@code target}, if the file has one. */
  Optional<Integer> find(String target, List<String> usualNames) {
    String mapped = userMap.get(target);
    if (mapped != null) {
      return Optional.of(table.requireColumn(mapped, "--map " + target + "=" + mapped));
    }
    String presetColumn = preset.get(target);
    if (presetColumn != null) {
      return Optional.of(table.requireColumn(presetColumn, target + " (preset column)"));
    }
    return table.firstPresent(usualNames).flatMap(table::column);
  }

  /** The column index for {@code target}; rejects the file when it has none. */
  int require(String target, List<String> usualNames) {
    return find(target, usualNames)
        .orElseThrow(
            () ->
                new InputRejectedException(
                    table.source(),
                    "line 1",
                    target,
                    "no column for "
                        + target
                        + " (looked for "
                        + String.join(", ", usualNames)
                        + "; name it with --map "
                        + target
                        + "=COLUMN); the header has: "
                        + String.join(", ", table.header())));
  }

  /** Rejects mappings for targets this kind does not know, so typos surface. */
  void checkTargets(String kind, List<String> known) {
    for (String target : userMap.keySet()) {
      if (!known.contains(target)) {
        throw new IllegalArgumentException(
            "--map "
                + target
                + "=...: "
                + kind
                + " uploads have no field '"
                + target
                + "'; known fields: "
                + String.join(", ", known));
      }
    }
  }
}
