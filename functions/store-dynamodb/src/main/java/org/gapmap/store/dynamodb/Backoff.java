package org.gapmap.store.dynamodb;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: before retry {@code n} (1-based) wait a uniformly random
 * time between zero and {@code min(cap, base * 2^(n-1))}. Immutable and thread-safe.
 *
 * @param base the ceiling of the first wait
 * @param cap the largest ceiling
 * @param maxRetries retries before giving up
 * @param random uniform numbers in [0, 1)
 */
public record Backoff(Duration base, Duration cap, int maxRetries, DoubleSupplier random) {
  /** 25 ms doubling to 2 s, 10 retries: about 10 s of patience in the worst case. */
  public static final Backoff DEFAULT =
      new Backoff(
          Duration.ofMillis(25),
          Duration.ofSeconds(2),
          10,
          () -> ThreadLocalRandom.current().nextDouble());

  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(random, "random");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
  }

  /** The wait before retry {@code retry} (1-based). */
  public Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1: " + retry);
    }
    long ceiling = base.toMillis() << Math.min(retry - 1, 30);
    if (ceiling <= 0 || ceiling > cap.toMillis()) {
      ceiling = cap.toMillis();
    }
    return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
  }
}
