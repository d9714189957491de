package org.gapmap.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.junit.jupiter.api.Test;

class SmallSampleSuppressionTest {
  private final SmallSampleSuppression k10 = SmallSampleSuppression.DEFAULT;

  @Test
  void withholdsStatisticsOfFewerThanKObservations() {
    Indicators nine =
        Indicators.of(Map.of("measurement_count", 9.0, "measured_download_mbps_median", 87.5));
    Indicators ten =
        Indicators.of(Map.of("measurement_count", 10.0, "measured_download_mbps_median", 87.5));
    assertThat(k10.suppresses("measured_download_mbps_median", nine)).isTrue();
    assertThat(k10.suppresses("measured_download_mbps_median", ten)).isFalse();
    assertThat(k10.suppresses("measurement_count", nine)).as("counts stay public").isFalse();
  }

  @Test
  void everySampledStatisticIsCovered() {
    Indicators few =
        Indicators.of(
            Map.of(
                "bsl_count", 3.0,
                "unserved_share", 0.5,
                "tile_tests", 2.0,
                "tile_download_mbps_mean", 40.0,
                "households", 4.0,
                "home_broadband_adoption", 0.25));
    assertThat(
            k10.suppressed(
                List.of(
                    "bsl_count",
                    "unserved_share",
                    "tile_download_mbps_mean",
                    "households",
                    "home_broadband_adoption"),
                few))
        .containsExactly(
            Map.entry("unserved_share", "small sample"),
            Map.entry("tile_download_mbps_mean", "small sample"));
  }

  @Test
  void aStatisticWithoutItsSampleSizeIsWithheld() {
    assertThat(k10.suppresses("served_share", Indicators.of(Map.of("served_share", 1.0)))).isTrue();
    assertThat(k10.suppresses("served_share", Indicators.of(Map.of()))).isFalse();
  }

  @Test
  void kIsConfigurable() {
    Indicators three = Indicators.of(Map.of("bsl_count", 3.0, "fiber_share", 0.1));
    assertThat(new SmallSampleSuppression(3).suppresses("fiber_share", three)).isFalse();
    assertThat(new SmallSampleSuppression(4).suppresses("fiber_share", three)).isTrue();
    assertThatThrownBy(() -> new SmallSampleSuppression(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRunsKIsItsProfilesMinimumSample() {
    ScoringProfile balanced = ScoringProfiles.builtIn("balanced").orElseThrow();
    ScoringProfile three =
        new ScoringProfile(
            "three",
            1,
            "",
            balanced.indicators(),
            balanced.thresholds(),
            balanced.eligibility(),
            balanced.affected(),
            3);
    assertThat(SmallSampleSuppression.of(Optional.of(balanced))).isEqualTo(k10);
    assertThat(SmallSampleSuppression.of(Optional.of(three)).k()).isEqualTo(3);
    assertThat(SmallSampleSuppression.of(Optional.empty())).as("unknown profile").isEqualTo(k10);
  }

  @Test
  void noneWithholdsNothingNotEvenAnUnknownSample() {
    Indicators nine =
        Indicators.of(Map.of("measurement_count", 9.0, "measured_download_mbps_median", 30.0));
    Indicators unknown = Indicators.of(Map.of("served_share", 1.0));
    assertThat(SmallSampleSuppression.NONE.suppresses("measured_download_mbps_median", nine))
        .isFalse();
    assertThat(SmallSampleSuppression.NONE.suppresses("served_share", unknown)).isFalse();
    assertThat(SmallSampleSuppression.NONE.suppressed(List.of("served_share"), unknown)).isEmpty();
  }
}
