package org.gapmap.core.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broadband serviceable locations of one neighborhood from FCC availability data: how many, how
 * many are unserved, underserved and served (BEAD), how many have fiber, and the exact median of
 * providers per location. Merges exactly. Mutable and not thread-safe.
 */
public final class AvailabilityStats {
  private long locations;
  private long unserved;
  private long underserved;
  private long served;
  private long fiber;
  private ExactMedian providers = new ExactMedian();

  /** Adds one location. */
  public void add(BeadClass bead, boolean hasFiber, int providerCount) {
    locations++;
    switch (bead) {
      case UNSERVED -> unserved++;
      case UNDERSERVED -> underserved++;
      case SERVED -> served++;
    }
    if (hasFiber) {
      fiber++;
    }
    providers.add(providerCount);
  }

  public void merge(AvailabilityStats other) {
    locations += other.locations;
    unserved += other.unserved;
    underserved += other.underserved;
    served += other.served;
    fiber += other.fiber;
    providers.merge(other.providers);
  }

  public long locations() {
    return locations;
  }

  /**
   * {@code bsl_count}, {@code unserved_share}, {@code underserved_share}, {@code served_share},
   * {@code fiber_share} and {@code provider_count_median}; empty without locations.
   */
  public Map<String, Double> indicators() {
    Map<String, Double> out = new LinkedHashMap<>();
    if (locations == 0) {
      return out;
    }
    out.put("bsl_count", (double) locations);
    out.put("unserved_share", (double) unserved / locations);
    out.put("underserved_share", (double) underserved / locations);
    out.put("served_share", (double) served / locations);
    out.put("fiber_share", (double) fiber / locations);
    providers.median().ifPresent(v -> out.put("provider_count_median", v));
    return out;
  }

  /** Writes the counts and the provider counts per location for {@link #readFrom}. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(locations);
    out.writeLong(unserved);
    out.writeLong(underserved);
    out.writeLong(served);
    out.writeLong(fiber);
    providers.writeTo(out);
  }

  /** Reads what {@link #writeTo} wrote. */
  public static AvailabilityStats readFrom(DataInput in) throws IOException {
    AvailabilityStats s = new AvailabilityStats();
    s.locations = in.readLong();
    s.unserved = in.readLong();
    s.underserved = in.readLong();
    s.served = in.readLong();
    s.fiber = in.readLong();
    s.providers = ExactMedian.readFrom(in);
    return s;
  }
}
