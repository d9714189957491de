package org.gapmap.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnrankedConditionTest {
  private static Map<String, Object> props(String key, Object value) {
    Map<String, Object> p = new HashMap<>();
    p.put(key, value);
    return p;
  }

  @Test
  void regularExpressionMustMatchTheWholeValue() {
    UnrankedCondition c = UnrankedCondition.parse("NTACode~.*(98|99)");

    assertThat(c.property()).isEqualTo("NTACode");
    assertThat(c.matches(props("NTACode", "BX98"), "BX98")).isTrue();
    assertThat(c.matches(props("NTACode", "SI99"), "SI99")).isTrue();
    assertThat(c.matches(props("NTACode", "BK09"), "BK09")).isFalse();
    assertThat(c.matches(props("NTACode", "QN990"), "QN990")).isFalse();
  }

  @Test
  void notEqualsTreatsIntegralNumbersAsIntegers() {
    UnrankedCondition c = UnrankedCondition.parse(" NTAType != 0 ");

    assertThat(c.property()).isEqualTo("NTAType");
    assertThat(c.matches(props("NTAType", 0L), "A")).isFalse();
    assertThat(c.matches(props("NTAType", 0.0), "A")).isFalse();
    assertThat(c.matches(props("NTAType", "0"), "A")).isFalse();
    assertThat(c.matches(props("NTAType", 9L), "A")).isTrue();
    assertThat(c.matches(props("NTAType", null), "A")).isTrue();
    assertThat(c.toString()).isEqualTo("NTAType != 0");
  }

  @Test
  void equalsComparesText() {
    UnrankedCondition c = UnrankedCondition.parse("BoroName=Bronx");

    assertThat(c.matches(props("BoroName", "Bronx"), "BX98")).isTrue();
    assertThat(c.matches(props("BoroName", "Brooklyn"), "BK09")).isFalse();
    assertThat(c.matches(Map.of(), "BX98")).isFalse();
  }

  @Test
  void idMeansTheNeighborhoodIdUnlessAPropertyIsCalledSo() {
    UnrankedCondition c = UnrankedCondition.parse("id~QN.*");

    assertThat(c.matches(Map.of(), "QN98")).isTrue();
    assertThat(c.matches(Map.of(), "BK09")).isFalse();
    assertThat(c.matches(props("id", "BK09"), "QN98")).isFalse();
  }

  @Test
  void badSyntaxIsRejectedWithTheExpectedForms() {
    assertThatThrownBy(() -> UnrankedCondition.parse("NTACode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PROPERTY=VALUE");
  }

  @Test
  void badRegularExpressionIsRejected() {
    assertThatThrownBy(() -> UnrankedCondition.parse("NTACode~(98"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad regular expression");
  }
}
