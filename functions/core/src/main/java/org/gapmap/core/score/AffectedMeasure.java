package org.gapmap.core.score;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import org.gapmap.core.model.Indicators;

/**
 * What "affected by the gap" counts in a neighborhood: the first tie-break of the ranking and the
 * headline number of a priority list. Values are never guessed: where the inputs do not give the
 * count, it is absent.
 */
public enum AffectedMeasure {
  /**
   * Households without home broadband: {@code no_home_broadband_households}, else {@code households
   * × (1 − home_broadband_adoption)}.
   */
  HOUSEHOLDS_WITHOUT_HOME_BROADBAND("households_without_home_broadband"),
  /**
   * Broadband serviceable locations that are unserved or underserved: {@code bsl_count ×
   * (unserved_share + underserved_share)}.
   */
  UNSERVED_UNDERSERVED_LOCATIONS("unserved_underserved_locations");

  private final String id;

  AffectedMeasure(String id) {
    this.id = id;
  }

  /** The name profile files use. */
  public String id() {
    return id;
  }

  public static Optional<AffectedMeasure> fromId(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }

  /** The count in a neighborhood with {@code values}, or empty where the inputs do not give it. */
  public OptionalDouble of(Indicators values) {
    return switch (this) {
      case HOUSEHOLDS_WITHOUT_HOME_BROADBAND -> householdsWithoutHomeBroadband(values);
      case UNSERVED_UNDERSERVED_LOCATIONS -> unservedOrUnderservedLocations(values);
    };
  }

  /** Households without home broadband, or empty where unknown. */
  public static OptionalDouble householdsWithoutHomeBroadband(Indicators values) {
    OptionalDouble direct = values.get("no_home_broadband_households");
    if (direct.isPresent()) {
      return direct;
    }
    OptionalDouble households = values.get("households");
    OptionalDouble adoption = values.get("home_broadband_adoption");
    if (households.isPresent() && adoption.isPresent()) {
      return OptionalDouble.of(Math.round(households.getAsDouble() * (1 - adoption.getAsDouble())));
    }
    return OptionalDouble.empty();
  }

  /** Unserved plus underserved locations, or empty where unknown. */
  public static OptionalDouble unservedOrUnderservedLocations(Indicators values) {
    OptionalDouble locations = values.get("bsl_count");
    OptionalDouble unserved = values.get("unserved_share");
    OptionalDouble underserved = values.get("underserved_share");
    if (locations.isEmpty() || unserved.isEmpty() || underserved.isEmpty()) {
      return OptionalDouble.empty();
    }
    double share = unserved.getAsDouble() + underserved.getAsDouble();
    return OptionalDouble.of(Math.round(locations.getAsDouble() * share));
  }
}
