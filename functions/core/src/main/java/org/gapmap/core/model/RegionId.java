package org.gapmap.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifier of a region (a set of neighborhood polygons), e.g. {@code nyc-nta2010}. Lower-case
 * letters, digits and hyphens, so it is safe in URLs, file names and storage keys.
 */
public record RegionId(String value) implements Comparable<RegionId> {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public RegionId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "region id '" + value + "' must be 1-63 lower-case letters, digits or hyphens");
    }
  }

  public static RegionId of(String value) {
    return new RegionId(value);
  }

  @Override
  public int compareTo(RegionId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
