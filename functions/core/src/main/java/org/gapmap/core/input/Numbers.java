package org.gapmap.core.input;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses numbers as spreadsheets publish them: {@code "24,140"} with thousands separators,
 * surrounding spaces, and {@code N/A}, {@code -} or blank for "no value".
 */
public final class Numbers {
  private static final Set<String> MISSING = Set.of("", "n/a", "na", "-", "null", "none", "#n/a");

  private Numbers() {}

  /**
   * The number in {@code text}, empty for a missing-value marker.
   *
   * @throws NumberFormatException when it is neither a number nor a missing-value marker, or not
   *     finite
   */
  public static OptionalDouble parse(String text) {
    String t = text == null ? "" : text.strip();
    if (MISSING.contains(t.toLowerCase(Locale.ROOT))) {
      return OptionalDouble.empty();
    }
    String plain = t.matches("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?") ? t.replace(",", "") : t;
    double v = Double.parseDouble(plain);
    if (!Double.isFinite(v)) {
      throw new NumberFormatException("not a finite number: " + text);
    }
    return OptionalDouble.of(v);
  }
}
