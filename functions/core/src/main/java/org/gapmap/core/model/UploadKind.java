package org.gapmap.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of upload gapmap reads; each has one reader. Names are the ones users type. */
public enum UploadKind {
  ADOPTION("adoption"),
  POINTS("points"),
  // coverage polygons, hexagons and speed-test tiles (#3)
  MOBILE_COVERAGE("mobile-coverage"),
  MOBILE_H3("mobile-h3"),
  TILES("tiles"),
  BDC_FIXED("bdc-fixed"),
  MEASUREMENTS("measurements");

  private final String cliName;

  UploadKind(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line, in storage keys and in S3 upload prefixes. */
  public String cliName() {
    return cliName;
  }

  public static Optional<UploadKind> fromName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.cliName.equals(wanted)).findFirst();
  }

  @Override
  public String toString() {
    return cliName;
  }
}
