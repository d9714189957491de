package org.gapmap.core.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gapmap.core.export.FeatureProperties;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.store.ScoreStore;

/**
 * A region's published run as readers see it: every neighborhood with its score, ordered by
 * neighborhood id (a stable order for paging), and the names of all indicators any neighborhood
 * has, in output order, so every output gives every feature the same properties (null where a
 * neighborhood has no value). Immutable and safe to share between threads.
 */
public record PublishedRun(
    Region region, Run run, List<ScoredFeature> features, List<String> indicatorNames) {
  public PublishedRun {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(run, "run");
    features = List.copyOf(features);
    indicatorNames = List.copyOf(indicatorNames);
  }

  /** A published run whose indicator names are those its features have. */
  public PublishedRun(Region region, Run run, List<ScoredFeature> features) {
    this(region, run, features, FeatureProperties.indicatorOrder(allIndicators(features)));
  }

  private static Set<String> allIndicators(List<ScoredFeature> features) {
    Set<String> names = new TreeSet<>();
    features.forEach(f -> names.addAll(f.score().indicators().names()));
    return names;
  }

  /** The region's current run, or empty if the region is unknown or has never been published. */
  public static Optional<PublishedRun> current(ScoreStore store, Region region) {
    return region.currentRun().flatMap(runId -> load(store, region, runId));
  }

  /** A given run of the region, or empty if there is no such run. */
  public static Optional<PublishedRun> load(ScoreStore store, Region region, RunId runId) {
    Optional<Run> run = store.run(region.id(), runId);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Map<NeighborhoodId, NeighborhoodScore> scores = new HashMap<>();
    for (NeighborhoodScore score : store.scores(region.id(), runId)) {
      scores.put(score.id(), score);
    }
    List<ScoredFeature> features = new ArrayList<>();
    for (Neighborhood n : store.neighborhoods(region.id())) {
      NeighborhoodScore score = scores.get(n.id());
      if (score != null) {
        features.add(new ScoredFeature(n, score));
      }
    }
    features.sort(Comparator.comparing(f -> f.neighborhood().id()));
    return Optional.of(new PublishedRun(region, run.get(), features));
  }

  public Optional<ScoredFeature> feature(NeighborhoodId id) {
    return features.stream().filter(f -> f.neighborhood().id().equals(id)).findFirst();
  }
}
