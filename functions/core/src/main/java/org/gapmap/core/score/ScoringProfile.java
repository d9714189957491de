package org.gapmap.core.score;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A versioned, named set of weighted indicators that turns indicators into a gap score. Immutable.
 *
 * @param name profile name ({@code balanced})
 * @param version version of the profile's definition; bump it when weights change
 * @param description what the profile prioritizes
 * @param indicators the weighted indicators, at least one, each name once
 */
public record ScoringProfile(
    String name, int version, String description, List<WeightedIndicator> indicators) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,40}");

  public ScoringProfile {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "profile name '" + name + "' must be lower-case letters, digits and hyphens");
    }
    if (version < 1) {
      throw new IllegalArgumentException("profile version must be 1 or more, found " + version);
    }
    description = description == null ? "" : description;
    indicators = List.copyOf(indicators);
    if (indicators.isEmpty()) {
      throw new IllegalArgumentException("profile " + name + " has no indicators to score");
    }
    Set<String> seen = new HashSet<>();
    for (WeightedIndicator i : indicators) {
      if (!seen.add(i.name())) {
        throw new IllegalArgumentException("profile " + name + " lists " + i.name() + " twice");
      }
    }
  }

  /** {@code name@version}, as runs record it. */
  public String reference() {
    return name + "@" + version;
  }
}
