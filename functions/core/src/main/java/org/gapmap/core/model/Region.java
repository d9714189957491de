package org.gapmap.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered region: a named set of neighborhoods and a pointer to its current published run.
 *
 * @param id region id
 * @param title human-readable title
 * @param bbox extent of all neighborhoods
 * @param neighborhoodCount number of neighborhoods
 * @param attribution data source and licence statement of the neighborhood polygons
 * @param createdAt when the region was registered
 * @param currentRunId the run readers see, or {@code null} before the first publish
 * @param version optimistic-lock counter, incremented by every change of {@code currentRunId}
 */
public record Region(
    RegionId id,
    String title,
    BoundingBox bbox,
    int neighborhoodCount,
    String attribution,
    Instant createdAt,
    RunId currentRunId,
    long version) {
  public Region {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(bbox, "bbox");
    Objects.requireNonNull(createdAt, "createdAt");
    attribution = attribution == null ? "" : attribution;
  }

  public Optional<RunId> currentRun() {
    return Optional.ofNullable(currentRunId);
  }

  /** This region pointing at {@code runId}, one version later. */
  public Region withCurrentRun(RunId runId) {
    return new Region(
        id, title, bbox, neighborhoodCount, attribution, createdAt, runId, version + 1);
  }
}
