package org.gapmap.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.BeadThresholds;
import org.gapmap.core.model.Indicators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thresholds, eligibility and the affected measure in profile files, and the new built-ins. */
class ProfileFileFormatTest {
  private static final String ONE_INDICATOR =
      "\"indicators\": [{\"name\": \"home_broadband_adoption\", \"weight\": 1,"
          + " \"direction\": \"lower_is_gap\"}]";

  @TempDir Path dir;

  private ScoringProfile resolve(String members) throws IOException {
    Path file = dir.resolve("profile.json");
    Files.writeString(file, "{\"name\": \"mine\", \"version\": 1, " + members + "}");
    return ScoringProfiles.resolve(file.toString());
  }

  @Test
  void everyBuiltInIsThere() {
    assertThat(ScoringProfiles.builtInNames())
        .containsExactly("balanced", "home-adoption", "mobile-5g", "bead");
  }

  @Test
  void beadRanksUnservedThenUnderservedLocationsWhereThereAreAny() {
    ScoringProfile bead = ScoringProfiles.resolve("bead");

    assertThat(bead.indicators())
        .extracting(WeightedIndicator::name, WeightedIndicator::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("unserved_share", Direction.HIGHER_IS_GAP),
            org.assertj.core.groups.Tuple.tuple("underserved_share", Direction.HIGHER_IS_GAP));
    assertThat(bead.thresholds()).isEqualTo(BeadThresholds.DEFAULT);
    assertThat(bead.eligibility())
        .extracting(EligibilityRule::describe)
        .containsExactly("bsl_count > 0");
    assertThat(bead.affected()).isEqualTo(AffectedMeasure.UNSERVED_UNDERSERVED_LOCATIONS);
    assertThat(bead.reasonText(bead.indicators().get(0)))
        .isEqualTo("many locations unserved (below 25/3 Mbps)");
    assertThat(bead.reasonText(bead.indicators().get(1)))
        .isEqualTo("many locations underserved (below 100/20 Mbps)");
  }

  @Test
  void mobile5gAndHomeAdoptionRankResidentialNeighborhoods() {
    ScoringProfile mobile = ScoringProfiles.resolve("mobile-5g");
    ScoringProfile home = ScoringProfiles.resolve("home-adoption");

    assertThat(mobile.indicators())
        .extracting(WeightedIndicator::name)
        .containsExactly("mobile_5g_area_share", "mobile_broadband_adoption");
    assertThat(home.reference()).isEqualTo("home-adoption@2");
    for (ScoringProfile p : List.of(mobile, home)) {
      assertThat(p.eligibility())
          .extracting(EligibilityRule::describe)
          .containsExactly("households > 0");
      assertThat(p.affected()).isEqualTo(AffectedMeasure.HOUSEHOLDS_WITHOUT_HOME_BROADBAND);
    }
  }

  @Test
  void definitionsRoundTripThroughJson() {
    for (String name : ScoringProfiles.builtInNames()) {
      ScoringProfile p = ScoringProfiles.builtIn(name).orElseThrow();
      assertThat(ScoringProfiles.fromDefinition(ScoringProfiles.toJson(p))).as(name).isEqualTo(p);
    }
  }

  @Test
  void thresholdsEligibilityAndAffectedAreRead() throws IOException {
    ScoringProfile p =
        resolve(
            "\"thresholds\": {\"unserved\": {\"download_mbps\": 50, \"upload_mbps\": 10}},"
                + " \"eligibility\": [{\"indicator\": \"households\", \"op\": \">=\", \"value\": 500},"
                + " {\"indicator\": \"bsl_count\", \"op\": \"!=\", \"value\": 0}],"
                + " \"affected\": \"unserved_underserved_locations\", "
                + ONE_INDICATOR);

    assertThat(p.thresholds()).isEqualTo(new BeadThresholds(50, 10, 100, 20));
    assertThat(p.eligibility())
        .extracting(EligibilityRule::describe)
        .containsExactly("households >= 500", "bsl_count != 0");
    assertThat(p.affected()).isEqualTo(AffectedMeasure.UNSERVED_UNDERSERVED_LOCATIONS);
    assertThat(p.failedRule(Indicators.of(Map.of("households", 500.0, "bsl_count", 3.0))))
        .isEmpty();
    assertThat(p.failedRule(Indicators.of(Map.of("households", 499.0, "bsl_count", 3.0))))
        .map(EligibilityRule::describe)
        .contains("households >= 500");
    assertThat(p.failedRule(Indicators.of(Map.of("households", 900.0))))
        .as("a missing indicator fails its rule")
        .map(EligibilityRule::describe)
        .contains("bsl_count != 0");
  }

  @Test
  void absentMembersTakeTheDefaults() throws IOException {
    ScoringProfile p = resolve(ONE_INDICATOR);

    assertThat(p.thresholds()).isEqualTo(BeadThresholds.DEFAULT);
    assertThat(p.eligibility()).isEmpty();
    assertThat(p.affected()).isEqualTo(AffectedMeasure.HOUSEHOLDS_WITHOUT_HOME_BROADBAND);
  }

  @Test
  void misspeltFieldsAreRejectedNotIgnored() {
    assertThatThrownBy(() -> resolve("\"eligable\": [], " + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("unknown field 'eligable'")
        .hasMessageContaining("eligibility");
    assertThatThrownBy(
            () ->
                resolve(
                    "\"indicators\": [{\"name\": \"households\", \"weigth\": 1,"
                        + " \"direction\": \"lower_is_gap\"}]"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("indicator households: unknown field 'weigth'");
  }

  @Test
  void badThresholdsAreRejected() {
    assertThatThrownBy(
            () ->
                resolve(
                    "\"thresholds\": {\"underserved\": {\"download_mbps\": 10, \"upload_mbps\": 1}}, "
                        + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("must not be below the unserved threshold 25/3");
    assertThatThrownBy(
            () ->
                resolve(
                    "\"thresholds\": {\"unserved\": {\"download_mbps\": \"25\", \"upload_mbps\": 3}}, "
                        + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'thresholds.unserved.download_mbps' must be a number of Mbps");
    assertThatThrownBy(
            () ->
                resolve(
                    "\"thresholds\": {\"unserved\": {\"download_mbps\": -25, \"upload_mbps\": 3}}, "
                        + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("greater than 0");
  }

  @Test
  void badEligibilityRulesAreRejected() {
    assertThatThrownBy(
            () ->
                resolve(
                    "\"eligibility\": [{\"indicator\": \"housholds\", \"op\": \">\", \"value\": 0}], "
                        + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("eligibility rule 1: unknown indicator 'housholds'");
    assertThatThrownBy(
            () ->
                resolve(
                    "\"eligibility\": [{\"indicator\": \"households\", \"op\": \"=>\", \"value\": 0}], "
                        + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'op' must be one of");
    assertThatThrownBy(() -> resolve("\"eligibility\": {}, " + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'eligibility' must be an array");
  }

  @Test
  void unknownAffectedMeasureIsRejected() {
    assertThatThrownBy(() -> resolve("\"affected\": \"people\", " + ONE_INDICATOR))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'affected' must be households_without_home_broadband or");
  }

  @Test
  void minimumSampleIsReadKeptInTheDefinitionAndTenWhenAbsent() throws IOException {
    ScoringProfile three = resolve("\"minimum_sample\": 3, " + ONE_INDICATOR);
    assertThat(three.minimumSample()).isEqualTo(3);
    assertThat(resolve(ONE_INDICATOR).minimumSample()).isEqualTo(10);
    assertThat(ScoringProfiles.toJson(three)).contains("\"minimum_sample\":3");
    assertThat(ScoringProfiles.fromDefinition(ScoringProfiles.toJson(three))).isEqualTo(three);
    assertThat(three.withWeightScaled("home_broadband_adoption", 2).minimumSample()).isEqualTo(3);
    for (String name : ScoringProfiles.builtInNames()) {
      assertThat(ScoringProfiles.builtIn(name).orElseThrow().minimumSample())
          .as(name)
          .isEqualTo(10);
    }
    String storedBeforeMinimumSample =
        ScoringProfiles.toJson(three).replace(",\"minimum_sample\":3", "");
    assertThat(storedBeforeMinimumSample).doesNotContain("minimum_sample");
    assertThat(ScoringProfiles.fromDefinition(storedBeforeMinimumSample).minimumSample())
        .as("a definition stored before profiles had a minimum sample")
        .isEqualTo(10);
  }

  @Test
  void minimumSampleMustBeAWholeNumberOfOneOrMore() {
    for (String bad : List.of("0", "-3", "2.5", "\"10\"", "null", "true", "4294967296")) {
      assertThatThrownBy(() -> resolve("\"minimum_sample\": " + bad + ", " + ONE_INDICATOR))
          .as(bad)
          .isInstanceOf(InputRejectedException.class)
          .hasMessageContaining("profile.json")
          .hasMessageContaining("'minimum_sample' must be a whole number of 1 or more")
          .hasMessageContaining("found " + bad);
    }
  }

  @Test
  void versionMustBeAWholeNumber() throws IOException {
    Path file = dir.resolve("v.json");
    Files.writeString(file, "{\"name\": \"mine\", \"version\": \"1\", " + ONE_INDICATOR + "}");
    assertThatThrownBy(() -> ScoringProfiles.resolve(file.toString()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'version' must be a whole number");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path file = dir.resolve("empty.json");
    Files.writeString(file, "");
    assertThatThrownBy(() -> ScoringProfiles.resolve(file.toString()))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void thresholdConflictsNameTheIndicatorsComputedWithBeadsThresholds() {
    ScoringProfile bead = ScoringProfiles.resolve("bead");
    assertThat(bead.thresholdConflicts()).isEmpty();
    ScoringProfile other =
        new ScoringProfile(
            "x",
            1,
            "",
            bead.indicators(),
            new BeadThresholds(25, 3, 120, 20),
            List.of(),
            AffectedMeasure.HOUSEHOLDS_WITHOUT_HOME_BROADBAND);
    assertThat(other.thresholdConflicts()).containsExactly("underserved_share", "unserved_share");
    assertThat(other.reasonText(other.indicators().get(1)))
        .isEqualTo("many locations underserved (below 120/20 Mbps)");
  }
}
