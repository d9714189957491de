package org.gapmap.core.priorities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.gapmap.core.export.SmallSampleSuppression;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.gapmap.core.score.AffectedMeasure;
import org.gapmap.core.score.Direction;
import org.gapmap.core.score.IndicatorCatalog;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.WeightedIndicator;

/**
 * The top of a run's ranking as a grant officer reads it: each neighborhood with the households
 * (and, where known, locations) affected and the three indicators that contribute most to its
 * score, in words; and totals for the selection. What the run's profile withholds as a small sample
 * ({@link SmallSampleSuppression}) is withheld here too: it gives no reason, no locations affected,
 * no contribution and no total. Immutable.
 *
 * @param run the published run
 * @param top how many were asked for; {@code null} for every ranked neighborhood
 * @param entries the selected neighborhoods in rank order
 * @param totals totals of the selection
 */
public record PriorityList(PublishedRun run, Integer top, List<Entry> entries, Totals totals) {
  /** The most reasons given per neighborhood. */
  public static final int REASONS = 3;

  /**
   * One neighborhood of the list.
   *
   * @param feature the neighborhood and its score
   * @param householdsAffected households without home broadband, or {@code null} where unknown
   * @param locationsAffected unserved plus underserved locations, or {@code null} where unknown
   * @param reasons up to three reasons in words, biggest contribution first
   * @param suppressed the statistics withheld here, each with its reason ({@code small sample})
   */
  public record Entry(
      ScoredFeature feature,
      Double householdsAffected,
      Double locationsAffected,
      List<String> reasons,
      Map<String, String> suppressed) {
    public Entry {
      Objects.requireNonNull(feature, "feature");
      reasons = List.copyOf(reasons);
      suppressed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(suppressed));
    }

    public int rank() {
      return feature.score().rank();
    }

    /** Each indicator's points of the score, as published: withheld statistics left out. */
    public Map<String, Double> publishedContributions() {
      Map<String, Double> out = new java.util.LinkedHashMap<>();
      feature
          .score()
          .contributions()
          .forEach(
              (name, points) -> {
                if (!suppressed.containsKey(name)) {
                  out.put(name, points);
                }
              });
      return out;
    }
  }

  public PriorityList {
    Objects.requireNonNull(run, "run");
    entries = List.copyOf(entries);
    Objects.requireNonNull(totals, "totals");
  }

  /**
   * The first {@code top} ranked neighborhoods of {@code run}, or all of them for {@code null},
   * with statistics from small samples withheld as the run's profile says.
   *
   * @throws IllegalArgumentException if {@code top} is less than 1
   */
  public static PriorityList of(PublishedRun run, Integer top) {
    return of(run, top, SmallSampleSuppression.of(run.profile()));
  }

  /**
   * The first {@code top} ranked neighborhoods of {@code run}, withholding what {@code suppression}
   * withholds.
   *
   * @throws IllegalArgumentException if {@code top} is less than 1
   */
  public static PriorityList of(PublishedRun run, Integer top, SmallSampleSuppression suppression) {
    if (top != null && top < 1) {
      throw new IllegalArgumentException("top must be 1 or more, got " + top);
    }
    List<ScoredFeature> ranked =
        run.features().stream()
            .filter(f -> f.score().rank() != null)
            .sorted(Comparator.comparing(f -> f.score().rank()))
            .toList();
    List<ScoredFeature> selected =
        top == null ? ranked : ranked.subList(0, Math.min(top, ranked.size()));
    Optional<ScoringProfile> profile = run.profile();
    Map<String, double[]> sorted = new java.util.HashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (ScoredFeature f : selected) {
      Indicators values = f.score().indicators();
      Map<String, String> suppressed = suppression.suppressed(values.names(), values);
      entries.add(
          new Entry(
              f,
              boxed(AffectedMeasure.householdsWithoutHomeBroadband(values)),
              withholdsLocations(suppressed.keySet())
                  ? null
                  : boxed(AffectedMeasure.unservedOrUnderservedLocations(values)),
              reasons(
                  f,
                  name -> sorted.computeIfAbsent(name, n -> sortedValues(ranked, n, suppression)),
                  profile,
                  suppressed.keySet()),
              suppressed));
    }
    return new PriorityList(run, top, entries, Totals.of(selected, suppression));
  }

  /** Whether the unserved and underserved locations cannot be told without a withheld share. */
  static boolean withholdsLocations(Set<String> suppressed) {
    return suppressed.contains("unserved_share") || suppressed.contains("underserved_share");
  }

  /** The features of the list, in rank order. */
  public List<ScoredFeature> features() {
    return entries.stream().map(Entry::feature).toList();
  }

  /**
   * Up to {@link #REASONS} reasons: the indicators with the largest contributions whose gap value
   * is above the middle (the neighborhood is worse off than the region's median on them), each as
   * "the gap in words: the value, compared with the region's ranked neighborhoods". A withheld
   * statistic gives no reason.
   */
  static List<String> reasons(
      ScoredFeature feature,
      java.util.function.Function<String, double[]> ranked,
      Optional<ScoringProfile> profile,
      Set<String> suppressed) {
    Map<String, Double> contributions = feature.score().contributions();
    double weightPresent =
        profile
            .map(
                p ->
                    p.indicators().stream()
                        .filter(i -> contributions.containsKey(i.name()))
                        .mapToDouble(WeightedIndicator::weight)
                        .sum())
            .orElse(0.0);
    List<String> order =
        contributions.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .filter(e -> !suppressed.contains(e.getKey()))
            .filter(
                e ->
                    profile
                        .flatMap(p -> p.indicator(e.getKey()))
                        .map(w -> e.getValue() * weightPresent / (100 * w.weight()) > 0.5)
                        .orElse(true))
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .limit(REASONS)
            .toList();
    List<String> reasons = new ArrayList<>();
    for (String name : order) {
      OptionalDouble value = feature.score().indicators().get(name);
      if (value.isEmpty()) {
        continue;
      }
      Optional<WeightedIndicator> wi = profile.flatMap(p -> p.indicator(name));
      String words = wi.map(w -> profile.get().reasonText(w)).orElse(name.replace('_', ' '));
      String text = words + ": " + IndicatorCatalog.format(name, value.getAsDouble());
      if (wi.isPresent()) {
        text += ", " + comparison(value.getAsDouble(), wi.get().direction(), ranked.apply(name));
      }
      reasons.add(text);
    }
    return reasons;
  }

  /**
   * The values of indicator {@code name} among the ranked neighborhoods that have it published,
   * sorted.
   */
  private static double[] sortedValues(
      List<ScoredFeature> ranked, String name, SmallSampleSuppression suppression) {
    return ranked.stream()
        .filter(f -> !suppression.suppresses(name, f.score().indicators()))
        .map(f -> f.score().indicators().get(name))
        .filter(OptionalDouble::isPresent)
        .mapToDouble(OptionalDouble::getAsDouble)
        .sorted()
        .toArray();
  }

  /** Where {@code value} stands among {@code sorted}, in words. */
  private static String comparison(double value, Direction direction, double[] sorted) {
    int n = sorted.length;
    int below = firstIndexNotBelow(sorted, value);
    int above = n - firstIndexAbove(sorted, value);
    int better = direction == Direction.LOWER_IS_GAP ? above : below;
    String side = direction == Direction.LOWER_IS_GAP ? "lowest" : "highest";
    String than = direction == Direction.LOWER_IS_GAP ? "lower" : "higher";
    if (n > 1 && better == n - 1) {
      return "the " + side + " of " + n + " ranked neighborhoods";
    }
    long percent = (long) Math.floor(100.0 * better / n);
    return String.format(Locale.ROOT, "%s than %d %% of %d ranked neighborhoods", than, percent, n);
  }

  private static int firstIndexNotBelow(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static int firstIndexAbove(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
