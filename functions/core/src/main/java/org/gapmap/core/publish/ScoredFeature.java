package org.gapmap.core.publish;

import java.util.List;
import java.util.Objects;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodScore;

/**
 * A neighborhood together with its score in one run and the uploads its indicators came from: what
 * the API serves as one feature.
 */
public record ScoredFeature(
    Neighborhood neighborhood, NeighborhoodScore score, List<DataSource> sources) {
  public ScoredFeature {
    Objects.requireNonNull(neighborhood, "neighborhood");
    Objects.requireNonNull(score, "score");
    if (!neighborhood.id().equals(score.id())) {
      throw new IllegalArgumentException(
          "score of " + score.id() + " paired with neighborhood " + neighborhood.id());
    }
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** A feature whose sources are not known. */
  public ScoredFeature(Neighborhood neighborhood, NeighborhoodScore score) {
    this(neighborhood, score, List.of());
  }
}
