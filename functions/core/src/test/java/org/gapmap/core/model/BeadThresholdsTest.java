package org.gapmap.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gapmap.core.model.BeadThresholds.ServiceLevel;
import org.junit.jupiter.api.Test;

class BeadThresholdsTest {
  private static final BeadThresholds BEAD = BeadThresholds.DEFAULT;

  @Test
  void defaultsAreBeads25Over3And100Over20() {
    assertThat(BEAD.unservedLabel()).isEqualTo("25/3");
    assertThat(BEAD.servedLabel()).isEqualTo("100/20");
  }

  @Test
  void classifiesAtTheBoundaries() {
    assertThat(BEAD.classify(24.99, 100)).isEqualTo(ServiceLevel.UNSERVED);
    assertThat(BEAD.classify(1000, 2.99)).isEqualTo(ServiceLevel.UNSERVED);
    assertThat(BEAD.classify(25, 3)).isEqualTo(ServiceLevel.UNDERSERVED);
    assertThat(BEAD.classify(99.9, 20)).isEqualTo(ServiceLevel.UNDERSERVED);
    assertThat(BEAD.classify(100, 19.9)).isEqualTo(ServiceLevel.UNDERSERVED);
    assertThat(BEAD.classify(100, 20)).isEqualTo(ServiceLevel.SERVED);
    assertThat(BEAD.classify(940, 880)).isEqualTo(ServiceLevel.SERVED);
  }

  @Test
  void servedBelowUnservedOrNonPositiveSpeedsAreRejected() {
    assertThatThrownBy(() -> new BeadThresholds(25, 3, 20, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20/20")
        .hasMessageContaining("25/3");
    assertThatThrownBy(() -> new BeadThresholds(0, 3, 100, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("greater than 0");
    assertThat(new BeadThresholds(12.5, 1.5, 100, 20).unservedLabel()).isEqualTo("12.5/1.5");
  }
}
