package org.gapmap.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One scoring of a region under a profile. Immutable once published.
 *
 * @param id run id
 * @param regionId region scored
 * @param profile name of the scoring profile, with its version ({@code balanced@1})
 * @param inputs the uploads whose indicators the run used, oldest first
 * @param status life-cycle state
 * @param createdAt when the run started
 */
public record Run(
    RunId id,
    RegionId regionId,
    String profile,
    List<UploadId> inputs,
    RunStatus status,
    Instant createdAt) {
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = List.copyOf(inputs);
  }

  public Run withStatus(RunStatus newStatus) {
    return new Run(id, regionId, profile, inputs, newStatus, createdAt);
  }
}
