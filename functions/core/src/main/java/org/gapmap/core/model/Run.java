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
 * @param profileDefinition the scoring profile's full definition as JSON (weights, thresholds,
 *     eligibility), so the run can be explained and repeated; {@code null} for runs stored before
 *     definitions were kept
 */
public record Run(
    RunId id,
    RegionId regionId,
    String profile,
    List<UploadId> inputs,
    RunStatus status,
    Instant createdAt,
    String profileDefinition) {
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = List.copyOf(inputs);
  }

  /** A run without a stored profile definition. */
  public Run(
      RunId id,
      RegionId regionId,
      String profile,
      List<UploadId> inputs,
      RunStatus status,
      Instant createdAt) {
    this(id, regionId, profile, inputs, status, createdAt, null);
  }

  public Run withStatus(RunStatus newStatus) {
    return new Run(id, regionId, profile, inputs, newStatus, createdAt, profileDefinition);
  }

  /** The profile's name without its version: {@code balanced} of {@code balanced@1}. */
  public String profileName() {
    int at = profile.indexOf('@');
    return at < 0 ? profile : profile.substring(0, at);
  }

  public java.util.Optional<String> profileDefinitionJson() {
    return java.util.Optional.ofNullable(profileDefinition);
  }
}
