package org.gapmap.core.score;

import java.util.Objects;
import org.gapmap.core.model.Indicators;

/**
 * One indicator of a scoring profile.
 *
 * @param name indicator name
 * @param weight relative weight, greater than 0
 * @param direction which way it points at a gap
 * @param reason the gap in words, for explanations ({@code "low home broadband adoption"})
 */
public record WeightedIndicator(String name, double weight, Direction direction, String reason) {
  public WeightedIndicator {
    Indicators.checkName(name);
    Objects.requireNonNull(direction, "direction");
    if (!(weight > 0) || !Double.isFinite(weight)) {
      throw new IllegalArgumentException(
          "weight of " + name + " must be a number greater than 0, found " + weight);
    }
    reason = reason == null || reason.isBlank() ? name.replace('_', ' ') : reason;
  }
}
