package org.gapmap.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A table registered with a region that maps another geography's keys to the region's
 * neighborhoods, such as census tract GEOIDs to NTA codes. Readers use it to bring tabular rows
 * (FCC availability by census block, ACS tables by tract) to neighborhoods. Each key maps to one
 * neighborhood. Immutable and thread-safe.
 *
 * @param regionId the region whose neighborhoods are the targets
 * @param name what the keys are, e.g. {@link #TRACT} (11-digit census tract GEOIDs)
 * @param sourceName file the table was read from
 * @param registeredAt when it was registered
 * @param mapping key to neighborhood id
 */
public record Crosswalk(
    RegionId regionId,
    String name,
    String sourceName,
    Instant registeredAt,
    Map<String, NeighborhoodId> mapping) {
  /** Name of a crosswalk keyed by 11-digit census tract GEOID (state, county, tract). */
  public static final String TRACT = "tract";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

  public Crosswalk {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(registeredAt, "registeredAt");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "crosswalk name '" + name + "' must be lower-case letters, digits and underscores");
    }
    mapping = Collections.unmodifiableMap(new TreeMap<>(mapping));
  }

  /** The neighborhood {@code key} maps to. */
  public Optional<NeighborhoodId> target(String key) {
    return Optional.ofNullable(mapping.get(key));
  }

  public int size() {
    return mapping.size();
  }
}
