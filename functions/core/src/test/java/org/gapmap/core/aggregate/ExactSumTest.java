package org.gapmap.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
  @Test
  void theOrderAndGroupingOfAdditionsDoNotChangeTheSum() throws IOException {
    Random r = new Random(5);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      // areas of very different sizes, where double addition loses low bits in varying ways
      values.add(r.nextDouble() * Math.pow(10, r.nextInt(12)));
    }
    ExactSum whole = new ExactSum();
    values.forEach(whole::add);
    boolean doublesDiffered = false;
    for (int trial = 0; trial < 5; trial++) {
      List<Double> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, r);
      ExactSum a = new ExactSum();
      ExactSum b = new ExactSum();
      double naiveWhole = 0;
      double naiveA = 0;
      double naiveB = 0;
      for (int i = 0; i < shuffled.size(); i++) {
        (i % 3 == 0 ? a : b).add(shuffled.get(i));
        naiveWhole += values.get(i);
        if (i % 3 == 0) {
          naiveA += shuffled.get(i);
        } else {
          naiveB += shuffled.get(i);
        }
      }
      ExactSum merged = roundTrip(b);
      merged.merge(roundTrip(a));
      assertThat(merged.value()).isEqualTo(whole.value());
      doublesDiffered |= naiveA + naiveB != naiveWhole;
    }
    // the point of the class: plain double sums of the same values do differ
    assertThat(doublesDiffered).isTrue();
  }

  @Test
  void isTheCorrectlyRoundedExactSum() {
    ExactSum s = new ExactSum();
    s.add(1e16);
    s.add(1.0);
    s.add(1.0);
    // as doubles, 1e16 + 1 rounds back to 1e16 twice; the exact sum is 1e16 + 2
    assertThat(s.value()).isEqualTo(1e16 + 2);
    assertThat(new ExactSum().value()).isZero();
  }

  @Test
  void refusesNonFiniteValuesAndImplausibleBytes() {
    ExactSum s = new ExactSum();
    assertThatThrownBy(() -> s.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.add(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] corrupt = {0, 0, 0, 1, 0x7f, 0, 0, 0};
    assertThatThrownBy(
            () -> ExactSum.readFrom(new DataInputStream(new ByteArrayInputStream(corrupt))))
        .isInstanceOf(IOException.class);
  }

  private static ExactSum roundTrip(ExactSum s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.writeTo(new DataOutputStream(out));
    return ExactSum.readFrom(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
  }
}
