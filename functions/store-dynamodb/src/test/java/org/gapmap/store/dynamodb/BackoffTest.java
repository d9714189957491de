package org.gapmap.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void ceilingDoublesUpToTheCap() {
    Backoff top = new Backoff(Duration.ofMillis(25), Duration.ofMillis(300), 10, () -> 0.999999);

    assertThat(top.delay(1)).isEqualTo(Duration.ofMillis(24));
    assertThat(top.delay(2)).isEqualTo(Duration.ofMillis(49));
    assertThat(top.delay(4)).isEqualTo(Duration.ofMillis(199));
    assertThat(top.delay(5)).isEqualTo(Duration.ofMillis(299));
    assertThat(top.delay(60)).isEqualTo(Duration.ofMillis(299));
  }

  @Test
  void fullJitterCanWaitNothing() {
    Backoff bottom = new Backoff(Duration.ofMillis(25), Duration.ofMillis(300), 10, () -> 0.0);

    assertThat(bottom.delay(3)).isZero();
  }

  @Test
  void defaultDelaysStayWithinTheirCeilings() {
    for (int retry = 1; retry <= 12; retry++) {
      long ceiling = Math.min(2000, 25L << (retry - 1));
      assertThat(Backoff.DEFAULT.delay(retry).toMillis()).isBetween(0L, ceiling);
    }
  }
}
