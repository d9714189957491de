package org.gapmap.core.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.geom.GeoJsonFeature;
import org.gapmap.core.input.InputRejectedException;

/**
 * Finds a feature's property for each target field: the user's {@code --map target=property} or
 * else the target's own name, matched ignoring case. The feature counterpart of {@link
 * ColumnResolver}. Immutable and thread-safe.
 */
final class PropertyNames {
  private final Map<String, String> userMap;

  PropertyNames(String kind, List<String> targets, Map<String, String> userMap) {
    for (String target : userMap.keySet()) {
      if (!targets.contains(target)) {
        throw new IllegalArgumentException(
            "--map "
                + target
                + "=...: "
                + kind
                + " uploads have no field '"
                + target
                + "'; known fields: "
                + String.join(", ", targets));
      }
    }
    this.userMap = Map.copyOf(userMap);
  }

  /** The property of {@code f} holding {@code target}, if it has one. */
  Optional<String> find(GeoJsonFeature f, String target) {
    String wanted = userMap.getOrDefault(target, target);
    if (f.properties().containsKey(wanted)) {
      return Optional.of(wanted);
    }
    String lower = wanted.toLowerCase(Locale.ROOT);
    return f.properties().keySet().stream()
        .filter(k -> k.strip().toLowerCase(Locale.ROOT).equals(lower))
        .findFirst();
  }

  /** The property of {@code f} holding {@code target}; rejects the feature when it has none. */
  String require(String source, String where, GeoJsonFeature f, String target) {
    String wanted = userMap.getOrDefault(target, target);
    return find(f, target)
        .orElseThrow(
            () ->
                new InputRejectedException(
                    source,
                    where,
                    wanted,
                    "property missing"
                        + (userMap.containsKey(target)
                            ? " (--map " + target + "=" + wanted + ")"
                            : "")
                        + "; the feature has: "
                        + (f.properties().isEmpty()
                            ? "(no properties)"
                            : String.join(", ", f.properties().keySet()))));
  }
}
