package org.gapmap.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Indicators;
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
    assertThatThrownBy(() -> new SmallSampleSuppression(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
