package org.gapmap.core.model;

import java.util.Objects;

/**
 * Identifier of one neighborhood within its region, as the source data spells it (e.g. {@code
 * BK72}).
 */
public record NeighborhoodId(String value) implements Comparable<NeighborhoodId> {
  public NeighborhoodId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("neighborhood id must not be blank");
    }
  }

  public static NeighborhoodId of(String value) {
    return new NeighborhoodId(value);
  }

  @Override
  public int compareTo(NeighborhoodId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
