package org.gapmap.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PartialAggregateTest {
  @Test
  void roundTripsAndMergesToWhatOneAggregateComputes() throws IOException {
    PartialAggregate a = PartialAggregate.ofMeasurements("measurements", 3, 2, 2);
    PartialAggregate b = PartialAggregate.ofMeasurements("measurements", 3, 2, 2);
    MeasurementStats whole = new MeasurementStats();
    double[][] tests = {{10, 1, 20}, {300, 30, Double.NaN}, {0.1, 0.2, 5}, {55.5, 9, 12}};
    for (int i = 0; i < tests.length; i++) {
      (i % 2 == 0 ? a : b).measurements(0, 2).add(tests[i][0], tests[i][1], tests[i][2]);
      whole.add(tests[i][0], tests[i][1], tests[i][2]);
    }
    a.count(0, 5);
    b.count(0, 7);
    b.count(1, 1);
    a.detail("lat/lon");
    PartialAggregate merged = roundTrip(a);
    merged.merge(roundTrip(b));
    assertThat(merged.counter(0)).isEqualTo(12);
    assertThat(merged.counter(1)).isEqualTo(1);
    assertThat(merged.details()).containsExactly("lat/lon");
    assertThat(merged.hasMeasurements(0, 1)).isFalse();
    assertThat(merged.hasMeasurements(1, 2)).isFalse();
    assertThat(merged.measurements(0, 2).indicators("")).isEqualTo(whole.indicators(""));
    assertThat(merged.kind()).isEqualTo("measurements");
  }

  @Test
  void availabilityAndPointsRoundTrip() throws IOException {
    PartialAggregate p = PartialAggregate.ofAvailability("bdc-fixed", 2, 1);
    p.availability(1).add(BeadClass.SERVED, true, 3);
    p.availability(1).add(BeadClass.UNSERVED, false, 0);
    PartialAggregate back = roundTrip(p);
    assertThat(back.hasAvailability(0)).isFalse();
    assertThat(back.availability(1).indicators()).isEqualTo(p.availability(1).indicators());
    PartialAggregate points = PartialAggregate.ofPoints("points", 2, 1);
    points.addPoint(0);
    points.addPoint(0);
    assertThat(roundTrip(points).points(0)).isEqualTo(2);
  }

  @Test
  void refusesOtherShapesVersionsAndBytes() throws IOException {
    PartialAggregate p = PartialAggregate.ofPoints("points", 2, 1);
    assertThatThrownBy(() -> p.merge(PartialAggregate.ofPoints("points", 3, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    byte[] bytes = out.toByteArray();
    bytes[5] = 9; // format version 9
    assertThatThrownBy(() -> PartialAggregate.readFrom(new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 9");
    assertThatThrownBy(
            () -> PartialAggregate.readFrom(new ByteArrayInputStream("not it".getBytes("UTF-8"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a gapmap partial");
  }

  private static PartialAggregate roundTrip(PartialAggregate p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.writeTo(out);
    return PartialAggregate.readFrom(new ByteArrayInputStream(out.toByteArray()));
  }
}
