package org.gapmap.core.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;

/** Upload records for run tests. */
final class Uploads {
  private Uploads() {}

  /** The id of an upload whose bytes are {@code content}. */
  static UploadId uploadId(String content) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return new UploadId(HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An upload named {@code content}.csv received at {@code receivedAt}.
   *
   * @param indicators neighborhood id to its indicators
   */
  static UploadRecord upload(
      RegionId region,
      UploadKind kind,
      String label,
      String content,
      Instant receivedAt,
      Map<String, Map<String, Double>> indicators) {
    Map<NeighborhoodId, Indicators> byId = new java.util.TreeMap<>();
    indicators.forEach((id, values) -> byId.put(NeighborhoodId.of(id), Indicators.of(values)));
    return new UploadRecord(
        uploadId(content),
        region,
        kind,
        label,
        content + ".csv",
        "",
        receivedAt,
        new UploadRecord.IngestReport(indicators.size(), indicators.size(), 0, 0, List.of()),
        byId);
  }
}
