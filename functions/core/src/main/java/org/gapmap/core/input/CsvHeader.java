package org.gapmap.core.input;

import java.util.List;
import java.util.Optional;

/**
 * The header row of a CSV file and how its columns are found: names match ignoring case,
 * surrounding spaces and inner line breaks. Implemented by the general {@link CsvTable} and the
 * fast {@link CsvScanner}.
 */
public interface CsvHeader {
  /** The file name users know the input by. */
  String source();

  /** Header names as found in the file (trimmed). */
  List<String> header();

  /** The position of a column, matched loosely. */
  Optional<Integer> column(String name);

  /** The first of {@code candidates} that the file has, as written in the file. */
  Optional<String> firstPresent(List<String> candidates);

  /**
   * The position of a required column; rejects the file naming the missing column and the ones it
   * has.
   */
  default int requireColumn(String name, String purpose) {
    return column(name)
        .orElseThrow(
            () ->
                new InputRejectedException(
                    source(),
                    "line 1",
                    name,
                    "missing column (needed for "
                        + purpose
                        + "); the header has: "
                        + String.join(", ", header())));
  }
}
