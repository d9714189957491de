package org.gapmap.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {
  @Test
  void thousandsSeparatorsAreUnderstood() {
    assertThat(Numbers.parse("24,140")).hasValue(24140.0);
    assertThat(Numbers.parse("67,407.17")).hasValue(67407.17);
    assertThat(Numbers.parse("1,234,567")).hasValue(1234567.0);
    assertThat(Numbers.parse("-2,204")).hasValue(-2204.0);
  }

  @Test
  void plainNumbersAndSurroundingSpacesAreRead() {
    assertThat(Numbers.parse("0.23")).hasValue(0.23);
    assertThat(Numbers.parse(" 748 ")).hasValue(748.0);
    assertThat(Numbers.parse("-73.9826700")).hasValue(-73.98267);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"N/A", "n/a", "", "   ", "-", "NA", "#N/A", "null"})
  void missingValueMarkersAreEmpty(String text) {
    assertThat(Numbers.parse(text)).isEqualTo(OptionalDouble.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1,23", "12,3456", "NaN", "Infinity", "High"})
  void anythingElseIsANumberFormatException(String text) {
    assertThatThrownBy(() -> Numbers.parse(text)).isInstanceOf(NumberFormatException.class);
  }
}
