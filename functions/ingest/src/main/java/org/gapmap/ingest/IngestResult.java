package org.gapmap.ingest;

import java.util.List;
import java.util.Objects;

/**
 * What became of one uploaded object; also the body of its report object.
 *
 * @param key the object key
 * @param status {@code ingested}, {@code already-ingested} or {@code rejected}
 * @param uploadId the content hash, or {@code null} if the object was rejected before hashing
 * @param rowsRead rows read
 * @param rowsUsed rows that contributed indicators
 * @param rowsOutside rows outside the region
 * @param rowsSkipped rows skipped, with reasons in {@code notes}
 * @param notes rejected rows and other remarks, or the reason the whole file was rejected
 * @param runId the run published for it, or {@code null}
 */
public record IngestResult(
    String key,
    String status,
    String uploadId,
    long rowsRead,
    long rowsUsed,
    long rowsOutside,
    long rowsSkipped,
    List<String> notes,
    String runId) {
  public static final String INGESTED = "ingested";
  public static final String ALREADY_INGESTED = "already-ingested";
  public static final String REJECTED = "rejected";

  public IngestResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    notes = List.copyOf(notes);
  }
}
