package org.gapmap.core.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;

/**
 * One upload behind a feature's indicators, so every published number can be traced to its data
 * release. Immutable.
 *
 * @param uploadId content hash of the upload
 * @param kind upload kind
 * @param label label of the upload ({@code small_cells}), else the kind's name
 * @param sourceName file name as uploaded
 * @param asOf the date the data describes, or {@code null} where unknown
 * @param attribution source and licence statement, may be empty
 * @param receivedAt when it was ingested
 * @param indicators the indicators of this feature that come from this upload, sorted
 */
public record DataSource(
    UploadId uploadId,
    UploadKind kind,
    String label,
    String sourceName,
    LocalDate asOf,
    String attribution,
    Instant receivedAt,
    List<String> indicators) {
  public DataSource {
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(kind, "kind");
    indicators = List.copyOf(indicators);
  }

  /** The source {@code upload} is for a feature to which it gave {@code indicators}. */
  public static DataSource of(UploadRecord upload, List<String> indicators) {
    return new DataSource(
        upload.id(),
        upload.kind(),
        upload.label(),
        upload.sourceName(),
        upload.asOf(),
        upload.attribution(),
        upload.receivedAt(),
        indicators);
  }

  /** {@code adoption "nyc_imp.csv" as of 2020-01-01 (attribution)}: one line for tables. */
  public String describe() {
    StringBuilder b = new StringBuilder(kind.cliName());
    if (!label.equals(kind.cliName())) {
      b.append(' ').append(label);
    }
    b.append(" \"").append(sourceName).append('"');
    if (asOf != null) {
      b.append(" as of ").append(asOf);
    }
    if (!attribution.isEmpty()) {
      b.append(" (").append(attribution).append(')');
    }
    return b.toString();
  }
}
