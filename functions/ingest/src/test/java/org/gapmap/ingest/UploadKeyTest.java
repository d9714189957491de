package org.gapmap.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.junit.jupiter.api.Test;

class UploadKeyTest {
  @Test
  void readsRegionKindAndFile() {
    UploadKey key = UploadKey.parse("uploads/nyc-nta2010/points/poles 2020.csv.gz");

    assertThat(key.regionId()).isEqualTo(RegionId.of("nyc-nta2010"));
    assertThat(key.kind()).isEqualTo(UploadKind.POINTS);
    assertThat(key.fileName()).isEqualTo("poles 2020.csv.gz");
    assertThat(key.reportKey())
        .isEqualTo("reports/nyc-nta2010/points/poles 2020.csv.gz.report.json");
  }

  @Test
  void refusesKeysOutsideTheLayout() {
    assertThatThrownBy(() -> UploadKey.parse("reports/nyc/adoption/a.csv"))
        .hasMessageContaining("uploads/<regionId>/<kind>/<file>");
    assertThatThrownBy(() -> UploadKey.parse("uploads/nyc/adoption/"))
        .hasMessageContaining("uploads/<regionId>/<kind>/<file>");
    assertThatThrownBy(() -> UploadKey.parse("uploads/nyc/adoption/sub/a.csv"))
        .hasMessageContaining("uploads/<regionId>/<kind>/<file>");
    assertThatThrownBy(() -> UploadKey.parse("uploads/NYC/adoption/a.csv"))
        .hasMessageContaining("region id 'NYC'");
    assertThatThrownBy(() -> UploadKey.parse("uploads/nyc/speed/a.csv"))
        .hasMessageContaining("unknown upload kind 'speed'");
  }
}
