package org.gapmap.api;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.gapmap.core.publish.ScoredFeature;

/**
 * One key of a {@code sortby} parameter: a sortable property and its direction. Features without a
 * value sort last in either direction. Immutable.
 *
 * @param field the property sorted on
 * @param descending {@code true} for {@code -field}
 */
record SortKey(Field field, boolean descending) {
  SortKey {
    Objects.requireNonNull(field, "field");
  }

  /** The properties features can be sorted on, by their property names. */
  enum Field {
    GAP_SCORE("gap_score", natural(f -> f.score().gapScore())),
    RANK("rank", natural(f -> f.score().rank())),
    NAME(
        "name",
        ordering(
            f -> f.neighborhood().name(),
            String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()))),
    ID("id", natural(f -> f.neighborhood().id().value()));

    private final String property;
    private final Ordering ordering;

    Field(String property, Ordering ordering) {
      this.property = property;
      this.ordering = ordering;
    }

    String property() {
      return property;
    }

    static Optional<Field> of(String property) {
      return Arrays.stream(values()).filter(f -> f.property.equals(property)).findFirst();
    }
  }

  /** Orders features by this key, features without a value last whatever the direction. */
  Comparator<ScoredFeature> comparator() {
    return field.ordering.comparator(descending);
  }

  @Override
  public String toString() {
    return (descending ? "-" : "") + field.property;
  }

  /** A comparator of features in either direction. */
  @FunctionalInterface
  private interface Ordering {
    Comparator<ScoredFeature> comparator(boolean descending);
  }

  private static <T extends Comparable<? super T>> Ordering natural(
      Function<ScoredFeature, T> key) {
    return ordering(key, Comparator.<T>naturalOrder());
  }

  private static <T> Ordering ordering(Function<ScoredFeature, T> key, Comparator<T> ascending) {
    return descending ->
        Comparator.comparing(
            key, Comparator.nullsLast(descending ? ascending.reversed() : ascending));
  }
}
