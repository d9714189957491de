package org.gapmap.core.ingest;

import java.util.OptionalDouble;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.Numbers;

/** Validating parsers for single cells or property values, naming where a bad value sits. */
final class FieldValues {
  private FieldValues() {}

  /**
   * The number in {@code text}, which must be present and 0 or more.
   *
   * @throws InputRejectedException naming source, location and column otherwise
   */
  static double nonNegative(String source, String where, String column, Object value) {
    String text = value == null ? "" : value.toString();
    OptionalDouble v;
    try {
      v = Numbers.parse(text);
    } catch (NumberFormatException e) {
      throw new InputRejectedException(
          source, where, column, "expected a number, found \"" + text + "\"");
    }
    if (v.isEmpty()) {
      throw new InputRejectedException(
          source, where, column, "missing value: expected a number of 0 or more");
    }
    if (v.getAsDouble() < 0) {
      throw new InputRejectedException(
          source, where, column, "negative value " + text + ": expected 0 or more");
    }
    return v.getAsDouble();
  }

  /** The technology in {@code value}; rejects unknown codes. */
  static MobileTier.Technology technology(
      String source, String where, String column, Object value) {
    String text = value == null ? "" : value.toString();
    return MobileTier.Technology.parse(text)
        .orElseThrow(
            () ->
                new InputRejectedException(
                    source,
                    where,
                    column,
                    "unknown technology \""
                        + text
                        + "\": expected 3G, 4G, 5G or the BDC codes 300, 400, 500"));
  }
}
