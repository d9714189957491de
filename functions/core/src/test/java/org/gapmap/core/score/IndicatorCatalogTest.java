package org.gapmap.core.score;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndicatorCatalogTest {
  @Test
  void knowsTheAvailabilityAndMeasurementIndicatorsAndTheirNetworkVariants() {
    assertThat(IndicatorCatalog.isKnown("unserved_share")).isTrue();
    assertThat(IndicatorCatalog.isKnown("provider_count_median")).isTrue();
    assertThat(IndicatorCatalog.isKnown("measured_download_mbps_median_mobile")).isTrue();
    assertThat(IndicatorCatalog.isKnown("measured_below_25_3_share_fixed")).isTrue();
    assertThat(IndicatorCatalog.isKnown("measured_download_mbps_median_satellite")).isFalse();
    assertThat(IndicatorCatalog.isKnown("measured_download_mbps_mean")).isFalse();
  }
}
