package org.gapmap.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactMedianTest {
  @Test
  void oddCountGivesTheMiddleValueEvenCountInterpolates() {
    ExactMedian m = new ExactMedian();
    assertThat(m.median()).isEmpty();
    for (double v : new double[] {5, 1, 3}) {
      m.add(v);
    }
    assertThat(m.median()).hasValue(3.0);
    m.add(10);
    assertThat(m.median()).hasValue(4.0);
    assertThat(m.count()).isEqualTo(4);
  }

  @Test
  void mergedPartitionsGiveTheMedianOfTheWhole() {
    Random random = new Random(7);
    double[] all = new double[10_001];
    ExactMedian whole = new ExactMedian();
    ExactMedian[] parts = {new ExactMedian(), new ExactMedian(), new ExactMedian()};
    for (int i = 0; i < all.length; i++) {
      all[i] = Math.round(random.nextDouble() * 100_000) / 100.0;
      whole.add(all[i]);
      parts[i % 3].add(all[i]);
    }
    ExactMedian merged = new ExactMedian();
    for (ExactMedian p : parts) {
      merged.merge(p);
    }
    Arrays.sort(all);
    assertThat(merged.median()).hasValue(all[5000]);
    assertThat(merged.median()).isEqualTo(whole.median());
    assertThat(merged.count()).isEqualTo(all.length);
  }

  @Test
  void availabilityAndMeasurementStatsMergeExactly() {
    AvailabilityStats a = new AvailabilityStats();
    AvailabilityStats b = new AvailabilityStats();
    AvailabilityStats whole = new AvailabilityStats();
    MeasurementStats ma = new MeasurementStats();
    MeasurementStats mb = new MeasurementStats();
    MeasurementStats mWhole = new MeasurementStats();
    Random random = new Random(3);
    for (int i = 0; i < 1000; i++) {
      BeadClass bead = BeadClass.values()[random.nextInt(3)];
      boolean fiber = random.nextBoolean();
      int providers = random.nextInt(6);
      (i % 2 == 0 ? a : b).add(bead, fiber, providers);
      whole.add(bead, fiber, providers);
      double down = random.nextInt(50_000) / 100.0;
      double up = random.nextInt(5_000) / 100.0;
      double latency = i % 10 == 0 ? Double.NaN : random.nextInt(200);
      (i % 3 == 0 ? ma : mb).add(down, up, latency);
      mWhole.add(down, up, latency);
    }
    a.merge(b);
    ma.merge(mb);
    assertThat(a.indicators()).isEqualTo(whole.indicators());
    assertThat(ma.indicators("")).isEqualTo(mWhole.indicators(""));
    assertThat(a.indicators().get("bsl_count")).isEqualTo(1000.0);
  }

  @Test
  void beadThresholdsAreInclusive() {
    assertThat(BeadClass.of(100, 20)).isEqualTo(BeadClass.SERVED);
    assertThat(BeadClass.of(1000, 19.99)).isEqualTo(BeadClass.UNDERSERVED);
    assertThat(BeadClass.of(25, 3)).isEqualTo(BeadClass.UNDERSERVED);
    assertThat(BeadClass.of(24.9, 100)).isEqualTo(BeadClass.UNSERVED);
  }

  @Test
  void sorterSpillsAndStillSortsEverything() {
    Random random = new Random(11);
    long[] values = new long[5_000];
    try (SpillingLongSorter sorter = new SpillingLongSorter(700)) {
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextLong() >>> 1;
        sorter.add(values[i]);
      }
      assertThat(sorter.spilledRuns()).isEqualTo(7);
      long[] out = new long[values.length];
      int[] n = {0};
      sorter.forEachSorted(v -> out[n[0]++] = v);
      Arrays.sort(values);
      assertThat(out).containsExactly(values);
    }
  }
}
