package org.gapmap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * gapmap's indicators equal PostGIS's on the same generated data, exactly: small sizes, so it runs
 * in seconds (the benchmarks run the same comparisons at full size). Installs and starts PostGIS;
 * fails, never skips, when it cannot.
 */
class PostgisAgreementTest {
  @Test
  void measurementCountsSharesAndMediansEqualPostgis() throws IOException {
    MeasurementsVsPostgis.Result r = MeasurementsVsPostgis.run(30_000);

    assertThat(r.located()).isGreaterThan(5_000);
    assertThat(r.neighborhoods()).isGreaterThan(150);
    assertThat(r.mismatches()).isEmpty();
  }

  @Test
  void bdcBeadSharesAndProviderMediansEqualPostgis() throws IOException {
    BdcVsPostgis.Result r = BdcVsPostgis.run(5_000_000, true);

    assertThat(r.locations()).isGreaterThan(5_000);
    assertThat(r.mismatches()).isEmpty();
  }
}
