package org.gapmap.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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
  void exactSumsRoundTripAndMergeWithTheirPresence() throws IOException {
    PartialAggregate a = PartialAggregate.ofSums("tiles", 3, 2, 2);
    PartialAggregate b = PartialAggregate.ofSums("tiles", 3, 2, 2);
    a.sum(0, 1).add(0.1);
    b.sum(0, 1).add(0.2);
    b.sum(1, 2).add(0); // used, though zero: a neighborhood a tile met without tests
    PartialAggregate merged = roundTrip(a);
    merged.merge(roundTrip(b));
    ExactSum whole = new ExactSum();
    whole.add(0.1);
    whole.add(0.2);
    assertThat(merged.sum(0, 1).value()).isEqualTo(whole.value());
    assertThat(merged.hasSum(1, 2)).isTrue();
    assertThat(merged.hasSum(1, 1)).isFalse();
    assertThat(merged.hasSum(0, 0)).isFalse();
    assertThatThrownBy(() -> a.merge(PartialAggregate.ofSums("tiles", 3, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsPartialsOfFormatVersionOneWrittenByTheLastRelease() throws IOException {
    // a points partial in the version 1 layout, byte by byte: no sum section after the points
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream v1 = new DataOutputStream(bytes);
    v1.writeInt(0x474D5041);
    v1.writeShort(1);
    v1.writeUTF("points");
    v1.writeInt(2); // neighborhoods
    v1.writeInt(2); // counters
    v1.writeLong(7);
    v1.writeLong(5);
    v1.writeInt(1); // details
    v1.writeUTF("lat/lon");
    v1.writeBoolean(false); // no availability
    v1.writeInt(0); // no measurement groups
    v1.writeBoolean(true); // point counts
    v1.writeLong(3);
    v1.writeLong(2);
    PartialAggregate old = PartialAggregate.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(old.counter(0)).isEqualTo(7);
    assertThat(old.details()).containsExactly("lat/lon");
    assertThat(old.points(0)).isEqualTo(3);
    assertThat(old.points(1)).isEqualTo(2);
    // it merges with a partial of this version, and is written back as this version
    PartialAggregate current = PartialAggregate.ofPoints("points", 2, 2);
    current.addPoint(1);
    current.merge(old);
    assertThat(current.points(1)).isEqualTo(3);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    old.writeTo(out);
    assertThat(out.toByteArray()[5]).isEqualTo((byte) PartialAggregate.FORMAT_VERSION);
    assertThat(PartialAggregate.FORMAT_VERSION).isEqualTo(2);
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
    bytes[5] = 0;
    assertThatThrownBy(() -> PartialAggregate.readFrom(new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("version 0");
    byte[] huge = out.toByteArray();
    int neighborhoods = 4 + 2 + 2 + "points".length(); // magic, version, kind
    huge[neighborhoods] = 0x7f; // 2 billion neighborhoods: corrupt, refused before allocating
    assertThatThrownBy(() -> PartialAggregate.readFrom(new ByteArrayInputStream(huge)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("neighborhoods");
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
