package org.gapmap.core.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Identifier of a scoring run. Run ids sort in creation order: {@code 20261130T030501.123Z-3f2a}, a
 * UTC timestamp to the millisecond followed by a random suffix that keeps two runs created in the
 * same millisecond apart.
 */
public record RunId(String value) implements Comparable<RunId> {
  private static final Pattern VALID = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-[0-9a-f]{4}");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  public RunId {
    Objects.requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("not a run id: " + value);
    }
  }

  /** A new run id for a run created at {@code createdAt}. */
  public static RunId newRunId(Instant createdAt) {
    int suffix = ThreadLocalRandom.current().nextInt(0x10000);
    return new RunId(FORMAT.format(createdAt) + "-" + String.format("%04x", suffix));
  }

  public static RunId of(String value) {
    return new RunId(value);
  }

  @Override
  public int compareTo(RunId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
