package org.gapmap.core.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to read one upload.
 *
 * @param preset a named column layout ({@code nyc-imp}), or {@code null}
 * @param columns column mapping, target name to the file's column ({@code latitude=Lat}); overrides
 *     the preset
 * @param label label of a {@code points} upload ({@code small_cells}), or {@code null}
 * @param attribution source and licence statement to carry with the indicators, or {@code null}
 * @param asOf the date the data describes (its vintage or release), or {@code null} where unknown
 */
public record UploadOptions(
    String preset,
    Map<String, String> columns,
    String label,
    String attribution,
    java.time.LocalDate asOf) {
  public UploadOptions {
    columns = java.util.Collections.unmodifiableMap(new TreeMap<>(columns));
  }

  /** Options without an as-of date. */
  public UploadOptions(
      String preset, Map<String, String> columns, String label, String attribution) {
    this(preset, columns, label, attribution, null);
  }

  public static UploadOptions defaults() {
    return new UploadOptions(null, Map.of(), null, null);
  }

  public Optional<String> presetName() {
    return Optional.ofNullable(preset);
  }
}
