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
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.RunId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
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

  /**
   * A given run of the region, or empty if there is no such run. Each feature's sources are the
   * run's inputs that gave it an indicator value the run kept (a newer upload of the same kind and
   * label replaces an older one; of two uploads giving the same indicator, the newer wins).
   */
  public static Optional<PublishedRun> load(ScoreStore store, Region region, RunId runId) {
    Optional<Run> run = store.run(region.id(), runId);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Map<NeighborhoodId, NeighborhoodScore> scores = new HashMap<>();
    for (NeighborhoodScore score : store.scores(region.id(), runId)) {
      scores.put(score.id(), score);
    }
    List<UploadRecord> inputs = new ArrayList<>();
    for (UploadId id : run.get().inputs()) {
      store.upload(region.id(), id).ifPresent(inputs::add);
    }
    List<ScoredFeature> features = new ArrayList<>();
    for (Neighborhood n : store.neighborhoods(region.id())) {
      NeighborhoodScore score = scores.get(n.id());
      if (score != null) {
        features.add(new ScoredFeature(n, score, sources(n.id(), score, inputs)));
      }
    }
    features.sort(Comparator.comparing(f -> f.neighborhood().id()));
    return Optional.of(new PublishedRun(region, run.get(), features));
  }

  /** The uploads, of {@code inputs} (oldest first), whose values {@code score} carries. */
  static List<DataSource> sources(
      NeighborhoodId id, NeighborhoodScore score, List<UploadRecord> inputs) {
    Map<String, UploadRecord> origin = new HashMap<>();
    for (UploadRecord upload : inputs) {
      Indicators values = upload.indicators().get(id);
      if (values != null) {
        values.names().forEach(name -> origin.put(name, upload));
      }
    }
    List<DataSource> sources = new ArrayList<>();
    for (UploadRecord upload : inputs) {
      List<String> names =
          score.indicators().names().stream()
              .filter(name -> origin.get(name) == upload)
              .sorted()
              .toList();
      if (!names.isEmpty()) {
        sources.add(DataSource.of(upload, names));
      }
    }
    return sources;
  }

  /**
   * The profile this run was scored with: the run's stored definition, else the built-in profile of
   * the same name and version; empty for an old run of a profile gapmap no longer knows.
   */
  public Optional<ScoringProfile> profile() {
    return ScoringProfiles.of(run);
  }

  public Optional<ScoredFeature> feature(NeighborhoodId id) {
    return features.stream().filter(f -> f.neighborhood().id().equals(id)).findFirst();
  }
}
