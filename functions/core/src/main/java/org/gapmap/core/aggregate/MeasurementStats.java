package org.gapmap.core.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Speed tests of one neighborhood (and one network type, where the upload gives it): the count, how
 * many measured below 25/3 Mbps, and exact medians of download, upload and latency. Merges exactly.
 * Mutable and not thread-safe.
 */
public final class MeasurementStats {
  /** Download below this (Mbps) counts as below 25/3. */
  public static final double DOWNLOAD_FLOOR = 25;

  /** Upload below this (Mbps) counts as below 25/3. */
  public static final double UPLOAD_FLOOR = 3;

  private long count;
  private long below;
  private ExactMedian download = new ExactMedian();
  private ExactMedian upload = new ExactMedian();
  private ExactMedian latency = new ExactMedian();

  /**
   * Adds one test.
   *
   * @param latencyMs the latency, or {@link Double#NaN} when the test has none
   */
  public void add(double downloadMbps, double uploadMbps, double latencyMs) {
    count++;
    if (downloadMbps < DOWNLOAD_FLOOR || uploadMbps < UPLOAD_FLOOR) {
      below++;
    }
    download.add(downloadMbps);
    upload.add(uploadMbps);
    if (!Double.isNaN(latencyMs)) {
      latency.add(latencyMs);
    }
  }

  public void merge(MeasurementStats other) {
    count += other.count;
    below += other.below;
    download.merge(other.download);
    upload.merge(other.upload);
    latency.merge(other.latency);
  }

  public long count() {
    return count;
  }

  /**
   * The indicators, each name followed by {@code suffix} ("" or {@code _fixed}, {@code _mobile}):
   * {@code measurement_count}, {@code measured_below_25_3_share}, {@code
   * measured_download_mbps_median}, {@code measured_upload_mbps_median}, {@code
   * measured_latency_ms_median} (absent without latency values). Empty without tests.
   */
  public Map<String, Double> indicators(String suffix) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (count == 0) {
      return out;
    }
    out.put("measurement_count" + suffix, (double) count);
    out.put("measured_below_25_3_share" + suffix, (double) below / count);
    download.median().ifPresent(v -> out.put("measured_download_mbps_median" + suffix, v));
    upload.median().ifPresent(v -> out.put("measured_upload_mbps_median" + suffix, v));
    latency.median().ifPresent(v -> out.put("measured_latency_ms_median" + suffix, v));
    return out;
  }

  /** Writes the counts and every value for {@link #readFrom}. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeLong(below);
    download.writeTo(out);
    upload.writeTo(out);
    latency.writeTo(out);
  }

  /** Reads what {@link #writeTo} wrote. */
  public static MeasurementStats readFrom(DataInput in) throws IOException {
    MeasurementStats s = new MeasurementStats();
    s.count = in.readLong();
    s.below = in.readLong();
    s.download = ExactMedian.readFrom(in);
    s.upload = ExactMedian.readFrom(in);
    s.latency = ExactMedian.readFrom(in);
    return s;
  }
}
