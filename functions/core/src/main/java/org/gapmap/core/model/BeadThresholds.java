package org.gapmap.core.model;

import java.util.Locale;

/**
 * The speeds that split broadband service into unserved, underserved and served, as the BEAD
 * program defines them: a location is <em>unserved</em> below 25/3 Mbps (download/upload),
 * <em>underserved</em> from 25/3 up to but not including 100/20 Mbps, and <em>served</em> at 100/20
 * Mbps or more. The one place in gapmap that holds these numbers: scoring profiles carry them (and
 * may change them), readers that classify locations use them. Immutable.
 *
 * @param unservedDownloadMbps download speed below which a location is unserved (25)
 * @param unservedUploadMbps upload speed below which a location is unserved (3)
 * @param servedDownloadMbps download speed from which a location is served (100)
 * @param servedUploadMbps upload speed from which a location is served (20)
 */
public record BeadThresholds(
    double unservedDownloadMbps,
    double unservedUploadMbps,
    double servedDownloadMbps,
    double servedUploadMbps) {
  /** BEAD's thresholds: 25/3 and 100/20 Mbps. */
  public static final BeadThresholds DEFAULT = new BeadThresholds(25, 3, 100, 20);

  /** How well a location is served. */
  public enum ServiceLevel {
    UNSERVED,
    UNDERSERVED,
    SERVED
  }

  public BeadThresholds {
    positive("unserved download", unservedDownloadMbps);
    positive("unserved upload", unservedUploadMbps);
    positive("served download", servedDownloadMbps);
    positive("served upload", servedUploadMbps);
    if (servedDownloadMbps < unservedDownloadMbps || servedUploadMbps < unservedUploadMbps) {
      throw new IllegalArgumentException(
          "the served threshold "
              + pair(servedDownloadMbps, servedUploadMbps)
              + " must not be below the unserved threshold "
              + pair(unservedDownloadMbps, unservedUploadMbps));
    }
  }

  /**
   * The service level of a location whose best reliable service offers {@code downloadMbps} /
   * {@code uploadMbps}; both directions must reach a threshold for it to count.
   */
  public ServiceLevel classify(double downloadMbps, double uploadMbps) {
    if (downloadMbps >= servedDownloadMbps && uploadMbps >= servedUploadMbps) {
      return ServiceLevel.SERVED;
    }
    if (downloadMbps >= unservedDownloadMbps && uploadMbps >= unservedUploadMbps) {
      return ServiceLevel.UNDERSERVED;
    }
    return ServiceLevel.UNSERVED;
  }

  /** {@code 25/3}: the unserved threshold as people write it. */
  public String unservedLabel() {
    return pair(unservedDownloadMbps, unservedUploadMbps);
  }

  /** {@code 100/20}: the served threshold as people write it. */
  public String servedLabel() {
    return pair(servedDownloadMbps, servedUploadMbps);
  }

  private static void positive(String what, double mbps) {
    if (!(mbps > 0) || !Double.isFinite(mbps)) {
      throw new IllegalArgumentException(
          "the " + what + " threshold must be a number of Mbps greater than 0, found " + mbps);
    }
  }

  private static String pair(double down, double up) {
    return number(down) + "/" + number(up);
  }

  private static String number(double mbps) {
    return mbps == Math.rint(mbps) && Math.abs(mbps) < 1e9
        ? Long.toString((long) mbps)
        : String.format(Locale.ROOT, "%s", mbps);
  }
}
