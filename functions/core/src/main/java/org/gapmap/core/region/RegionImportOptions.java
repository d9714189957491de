package org.gapmap.core.region;

import java.util.List;
import java.util.Objects;

/**
 * How to read a neighborhoods file.
 *
 * @param idProperty property holding the neighborhood id ({@code NTACode})
 * @param nameProperty property holding its name ({@code NTAName})
 * @param boroughProperty property holding its borough or district, or {@code null} to look for a
 *     usual name ({@code BoroName}, {@code borough}, ...)
 * @param unranked conditions that keep matching neighborhoods out of the ranking
 */
public record RegionImportOptions(
    String idProperty,
    String nameProperty,
    String boroughProperty,
    List<UnrankedCondition> unranked) {
  public RegionImportOptions {
    Objects.requireNonNull(idProperty, "idProperty");
    Objects.requireNonNull(nameProperty, "nameProperty");
    unranked = List.copyOf(unranked);
  }
}
