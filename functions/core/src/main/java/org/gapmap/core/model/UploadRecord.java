package org.gapmap.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An accepted upload and what it contributes: per-neighborhood indicators plus a report of what was
 * read.
 *
 * @param id content hash
 * @param regionId region it was ingested into
 * @param kind upload kind
 * @param label label of a {@code points} upload (prefix of its indicators), else the kind's name
 * @param sourceName file name as uploaded
 * @param attribution data source and licence statement, may be empty
 * @param receivedAt when it was ingested
 * @param report counts and notes of the read
 * @param indicators indicators by neighborhood; neighborhoods without data are absent
 * @param asOf the date the data describes (its vintage or release date, such as a BDC filing's
 *     as-of date), or {@code null} where unknown
 */
public record UploadRecord(
    UploadId id,
    RegionId regionId,
    UploadKind kind,
    String label,
    String sourceName,
    String attribution,
    Instant receivedAt,
    IngestReport report,
    Map<NeighborhoodId, Indicators> indicators,
    LocalDate asOf) {
  public UploadRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(report, "report");
    attribution = attribution == null ? "" : attribution;
    indicators = java.util.Collections.unmodifiableMap(new TreeMap<>(indicators));
  }

  /** An upload whose data vintage is unknown. */
  public UploadRecord(
      UploadId id,
      RegionId regionId,
      UploadKind kind,
      String label,
      String sourceName,
      String attribution,
      Instant receivedAt,
      IngestReport report,
      Map<NeighborhoodId, Indicators> indicators) {
    this(id, regionId, kind, label, sourceName, attribution, receivedAt, report, indicators, null);
  }

  public java.util.Optional<LocalDate> asOfDate() {
    return java.util.Optional.ofNullable(asOf);
  }

  /**
   * Counts and notes of one read. {@code notes} are human-readable lines such as repaired or
   * unmatched rows.
   */
  public record IngestReport(
      long rowsRead, long rowsUsed, long rowsOutside, long rowsSkipped, List<String> notes) {
    public IngestReport {
      notes = List.copyOf(notes);
    }
  }
}
