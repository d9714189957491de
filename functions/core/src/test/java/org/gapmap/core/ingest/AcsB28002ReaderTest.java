package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.junit.jupiter.api.Test;

class AcsB28002ReaderTest {
  private static final RegionId ID = RegionId.of("test-squares");
  private static final RegionContext REGION =
      new RegionContext(
          ID,
          List.of(
              neighborhood("W1", box(-74.00, 40.70, -73.99, 40.71)),
              neighborhood("E1", box(-73.98, 40.70, -73.97, 40.71))),
          List.of(
              new Crosswalk(
                  ID,
                  Crosswalk.TRACT,
                  "tracts.csv",
                  Instant.EPOCH,
                  Map.of(
                      "36047000100", NeighborhoodId.of("W1"),
                      "36047000200", NeighborhoodId.of("W1"),
                      "36047000300", NeighborhoodId.of("E1")))));

  private static final UploadOptions ACS = new UploadOptions("acs-b28002", Map.of(), null, null);

  /** As data.census.gov publishes it: a label row under the header, GEO_ID with its prefix. */
  private static final String TABLE =
      """
      GEO_ID,NAME,B28002_001E,B28002_005E,B28002_006E,B28002_007E
      Geography,Geographic Area Name,Estimate!!Total:,Estimate!!Cellular,Estimate!!Cellular only,Estimate!!Broadband
      1400000US36047000100,Census Tract 1,1000,800,100,700
      1400000US36047000200,Census Tract 2,3000,2000,300,1500
      1400000US36047000300,Census Tract 3,500,400,50,450
      1400000US36047000400,Census Tract 4,700,600,70,500
      1400000US36047000500,Census Tract 5,-666666666,0,0,0
      """;

  @Test
  void sumsHouseholdsPerNeighborhoodBeforeTakingShares() {
    ReadResult result = new AdoptionReader().read(source("acs.csv", TABLE), REGION, ACS);

    Indicators w1 = result.indicators().get(NeighborhoodId.of("W1"));
    assertThat(w1.get("households")).hasValue(4000.0);
    assertThat(w1.get("home_broadband_adoption")).hasValue(2200.0 / 4000);
    assertThat(w1.get("mobile_broadband_adoption")).hasValue(2800.0 / 4000);
    assertThat(w1.get("mobile_dependent_share")).hasValue(400.0 / 4000);
    assertThat(w1.get("no_home_broadband_households")).hasValue(1800.0);
    assertThat(result.indicators().get(NeighborhoodId.of("E1")).get("home_broadband_adoption"))
        .hasValue(0.9);
    assertThat(result.report().rowsRead()).isEqualTo(5);
    assertThat(result.report().rowsOutside()).isEqualTo(1);
    assertThat(result.report().notes()).anyMatch(n -> n.contains("36047000400"));
  }

  @Test
  void rejectsMissingEstimateColumnsAndBadCounts() {
    assertThatThrownBy(
            () ->
                new AdoptionReader()
                    .read(
                        source("acs.csv", "GEO_ID,B28002_001E\n1400000US36047000100,5\n"),
                        REGION,
                        ACS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("B28002_005E");
    String bad = TABLE.replace(",3000,", ",many,");
    assertThatThrownBy(() -> new AdoptionReader().read(source("acs.csv", bad), REGION, ACS))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> {
              assertThat(e.location()).isEqualTo("line 4");
              assertThat(e.column()).isEqualTo("B28002_001E");
            });
  }
}
