package org.gapmap.ingest;

import java.util.Objects;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;

/**
 * Where an upload lands in the bucket, {@code uploads/<regionId>/<kind>/<file>}, and what the key
 * says: the region to ingest into and the kind of file.
 *
 * @param key the whole object key
 * @param regionId region from the second segment
 * @param kind upload kind from the third segment
 * @param fileName the last segment
 */
public record UploadKey(String key, RegionId regionId, UploadKind kind, String fileName) {
  /** The prefix uploads are written under. */
  public static final String PREFIX = "uploads/";

  /** The prefix reports are written under. */
  public static final String REPORT_PREFIX = "reports/";

  public UploadKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(fileName, "fileName");
  }

  /**
   * Reads an object key.
   *
   * @throws IllegalArgumentException naming what is wrong with the key
   */
  public static UploadKey parse(String key) {
    Objects.requireNonNull(key, "key");
    String[] parts = key.split("/", -1);
    if (parts.length != 4 || !key.startsWith(PREFIX) || parts[3].isEmpty()) {
      throw new IllegalArgumentException(
          "object key '" + key + "' is not of the form uploads/<regionId>/<kind>/<file>");
    }
    RegionId regionId;
    try {
      regionId = RegionId.of(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("object key '" + key + "': " + e.getMessage(), e);
    }
    UploadKind kind =
        UploadKind.fromName(parts[2])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "object key '"
                            + key
                            + "': unknown upload kind '"
                            + parts[2]
                            + "' (adoption or points)"));
    return new UploadKey(key, regionId, kind, parts[3]);
  }

  /** The key of this upload's report: {@code reports/<regionId>/<kind>/<file>.report.json}. */
  public String reportKey() {
    return REPORT_PREFIX
        + regionId.value()
        + "/"
        + kind.cliName()
        + "/"
        + fileName
        + ".report.json";
  }
}
