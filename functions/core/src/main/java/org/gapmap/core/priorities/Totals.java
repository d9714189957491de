package org.gapmap.core.priorities;

import java.util.List;
import org.gapmap.core.export.SmallSampleSuppression;
import org.gapmap.core.publish.ScoredFeature;
import org.gapmap.core.score.AffectedMeasure;

/**
 * Totals of a selection of neighborhoods. Sums are over the neighborhoods that have the value;
 * weighted adoption is Σ(households × adoption) / Σ households over the neighborhoods that have
 * both. A total no neighborhood has a value for is {@code null}. Immutable.
 *
 * @param neighborhoods number of neighborhoods in the selection
 * @param households households
 * @param population population, where known
 * @param noHomeBroadbandHouseholds households without home broadband
 * @param homeBroadbandAdoptionWeighted household-weighted home broadband adoption, 0–1
 * @param mobileBroadbandAdoptionWeighted household-weighted mobile broadband adoption, 0–1
 * @param locations broadband serviceable locations
 * @param unservedUnderservedLocations unserved plus underserved locations
 */
public record Totals(
    int neighborhoods,
    Double households,
    Double population,
    Double noHomeBroadbandHouseholds,
    Double homeBroadbandAdoptionWeighted,
    Double mobileBroadbandAdoptionWeighted,
    Double locations,
    Double unservedUnderservedLocations) {

  /** The totals of {@code features}, nothing withheld. */
  public static Totals of(List<ScoredFeature> features) {
    return of(features, SmallSampleSuppression.NONE);
  }

  /**
   * The totals of {@code features}; a neighborhood whose unserved or underserved share {@code
   * suppression} withholds adds nothing to the unserved and underserved locations.
   */
  public static Totals of(List<ScoredFeature> features, SmallSampleSuppression suppression) {
    Sum households = new Sum();
    Sum population = new Sum();
    Sum without = new Sum();
    Sum locations = new Sum();
    Sum unserved = new Sum();
    Weighted home = new Weighted();
    Weighted mobile = new Weighted();
    for (ScoredFeature f : features) {
      var values = f.score().indicators();
      values.value("households").ifPresent(households::add);
      values.value("population").ifPresent(population::add);
      AffectedMeasure.householdsWithoutHomeBroadband(values).ifPresent(without::add);
      values.value("bsl_count").ifPresent(locations::add);
      if (!suppression.suppresses("unserved_share", values)
          && !suppression.suppresses("underserved_share", values)) {
        AffectedMeasure.unservedOrUnderservedLocations(values).ifPresent(unserved::add);
      }
      values
          .value("households")
          .ifPresent(
              h -> {
                values.value("home_broadband_adoption").ifPresent(a -> home.add(h, a));
                values.value("mobile_broadband_adoption").ifPresent(a -> mobile.add(h, a));
              });
    }
    return new Totals(
        features.size(),
        households.value(),
        population.value(),
        without.value(),
        home.value(),
        mobile.value(),
        locations.value(),
        unserved.value());
  }

  private static final class Sum {
    private double total;
    private boolean any;

    void add(double v) {
      total += v;
      any = true;
    }

    Double value() {
      return any ? total : null;
    }
  }

  private static final class Weighted {
    private double weighted;
    private double weights;

    void add(double weight, double value) {
      weighted += weight * value;
      weights += weight;
    }

    Double value() {
      return weights > 0 ? weighted / weights : null;
    }
  }
}
