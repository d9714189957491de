package org.gapmap.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the query parameters of the JSON resources outside OGC API - Features: unknown and
 * repeated parameters are refused with a 400 naming them. Stateless and thread-safe.
 */
final class QueryParameters {
  private final Map<String, List<String>> values;

  private QueryParameters(Map<String, List<String>> values) {
    this.values = values;
  }

  /** The parameters of a request that may only use {@code allowed}. */
  static QueryParameters of(Map<String, List<String>> parameters, Set<String> allowed) {
    for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw ApiException.unknownParameter(p.getKey());
      }
      if (p.getValue().size() > 1) {
        throw ApiException.invalidParameter("parameter '" + p.getKey() + "' given more than once");
      }
    }
    return new QueryParameters(parameters);
  }

  /** The value of {@code name}, or {@code null} when absent. */
  String get(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** A whole number from {@code min} to {@code max}, or {@code fallback} when absent. */
  Integer integer(String name, Integer fallback, int min, int max) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw ApiException.invalidParameter(
            name + " must be from " + min + " to " + max + ", got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter(name + " must be a whole number, got '" + v + "'");
    }
  }

  /** {@code f}: one of {@code formats}, or the first of them when absent. */
  String format(List<String> formats) {
    String f = get("f");
    if (f == null) {
      return formats.get(0);
    }
    if (!formats.contains(f)) {
      throw ApiException.invalidParameter(
          "f must be " + String.join(" or ", formats) + ", got '" + f + "'");
    }
    return f;
  }
}
