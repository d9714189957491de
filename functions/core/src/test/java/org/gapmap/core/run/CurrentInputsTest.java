package org.gapmap.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gapmap.core.run.Uploads.upload;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.junit.jupiter.api.Test;

class CurrentInputsTest {
  private static final RegionId REGION = RegionId.of("nyc-nta2010");
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final String HOME = "home_broadband_adoption";

  private static final UploadRecord ADOPTION_2020 =
      upload(
          REGION,
          UploadKind.ADOPTION,
          "adoption",
          "imp-2020",
          T0,
          Map.of("BK09", Map.of(HOME, 0.85, "households", 11115.0), "BK17", Map.of(HOME, 0.74)));
  private static final UploadRecord SMALL_CELLS =
      upload(
          REGION,
          UploadKind.POINTS,
          "small_cells",
          "poles",
          T0.plusSeconds(60),
          Map.of(
              "BK09", Map.of("small_cells_count", 3.0), "BK17", Map.of("small_cells_count", 0.0)));
  private static final UploadRecord ADOPTION_2023 =
      upload(
          REGION,
          UploadKind.ADOPTION,
          "adoption",
          "imp-2023",
          T0.plusSeconds(120),
          Map.of("BK09", Map.of(HOME, 0.9), "MN17", Map.of(HOME, 0.8)));
  private static final UploadRecord WIFI =
      upload(
          REGION,
          UploadKind.POINTS,
          "wifi",
          "hotspots",
          T0.plusSeconds(180),
          Map.of("BK09", Map.of("wifi_count", 2.0)));

  @Test
  void newestUploadOfTheSameKindAndLabelReplacesTheOlder() {
    CurrentInputs inputs = CurrentInputs.of(List.of(ADOPTION_2020, ADOPTION_2023));

    assertThat(inputs.uploads()).containsExactly(ADOPTION_2023);
    assertThat(inputs.uploadIds()).containsExactly(ADOPTION_2023.id());
    assertThat(inputs.indicators().get(NeighborhoodId.of("BK09")).asMap())
        .containsExactly(Map.entry(HOME, 0.9));
    // the older release's values do not linger where the newer one has no row
    assertThat(inputs.indicators()).doesNotContainKey(NeighborhoodId.of("BK17"));
  }

  @Test
  void differentLabelsAreOverlaidOldestFirst() {
    CurrentInputs inputs =
        CurrentInputs.of(List.of(ADOPTION_2020, SMALL_CELLS, ADOPTION_2023, WIFI));

    assertThat(inputs.uploads()).containsExactly(SMALL_CELLS, ADOPTION_2023, WIFI);
    assertThat(inputs.indicators().get(NeighborhoodId.of("BK09")).asMap())
        .containsOnly(
            Map.entry(HOME, 0.9),
            Map.entry("small_cells_count", 3.0),
            Map.entry("wifi_count", 2.0));
    assertThat(inputs.indicators().get(NeighborhoodId.of("BK17")).asMap())
        .containsOnly(Map.entry("small_cells_count", 0.0));
    assertThat(inputs.indicators().get(NeighborhoodId.of("MN17")).asMap())
        .containsOnly(Map.entry(HOME, 0.8));
  }

  @Test
  void sameLabelOfAnotherKindIsAnotherInput() {
    UploadRecord pointsLabelledAdoption =
        upload(
            REGION,
            UploadKind.POINTS,
            "adoption",
            "odd",
            T0.plusSeconds(240),
            Map.of("BK09", Map.of("adoption_count", 1.0)));

    CurrentInputs inputs = CurrentInputs.of(List.of(ADOPTION_2023, pointsLabelledAdoption));

    assertThat(inputs.uploads()).containsExactly(ADOPTION_2023, pointsLabelledAdoption);
    assertThat(inputs.indicators().get(NeighborhoodId.of("BK09")).asMap())
        .containsOnly(Map.entry(HOME, 0.9), Map.entry("adoption_count", 1.0));
  }

  @Test
  void noUploadsMeansNoInputs() {
    CurrentInputs inputs = CurrentInputs.of(List.of());

    assertThat(inputs.uploads()).isEmpty();
    assertThat(inputs.indicators()).isEmpty();
  }
}
