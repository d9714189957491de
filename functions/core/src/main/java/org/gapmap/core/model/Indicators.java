package org.gapmap.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Indicator values of one neighborhood, by indicator name ({@code home_broadband_adoption}). An
 * indicator without input is absent, never 0. Immutable; names iterate in alphabetical order.
 */
public final class Indicators {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Indicators EMPTY = new Indicators(new TreeMap<>());

  private final Map<String, Double> values;

  private Indicators(TreeMap<String, Double> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  public static Indicators empty() {
    return EMPTY;
  }

  /** Indicators from a map; rejects bad names and non-finite values. */
  public static Indicators of(Map<String, Double> values) {
    TreeMap<String, Double> copy = new TreeMap<>();
    values.forEach(
        (name, value) -> {
          checkName(name);
          if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("indicator " + name + " must be finite: " + value);
          }
          copy.put(name, value);
        });
    return new Indicators(copy);
  }

  /** Throws when {@code name} is not a valid indicator name (lower-case snake case). */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "indicator name '" + name + "' must be lower-case letters, digits and underscores");
    }
    return name;
  }

  public OptionalDouble get(String name) {
    Double v = values.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  public Optional<Double> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Set<String> names() {
    return values.keySet();
  }

  public Map<String, Double> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** These indicators overlaid with {@code newer}: where both have a name, {@code newer} wins. */
  public Indicators overlaidWith(Indicators newer) {
    if (newer.isEmpty()) {
      return this;
    }
    TreeMap<String, Double> merged = new TreeMap<>(values);
    merged.putAll(newer.values);
    return new Indicators(merged);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Indicators other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
