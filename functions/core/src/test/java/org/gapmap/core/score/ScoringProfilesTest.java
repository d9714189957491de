package org.gapmap.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gapmap.core.input.InputRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringProfilesTest {
  @TempDir Path dir;

  private ScoringProfile resolveFile(String json) throws IOException {
    Path file = dir.resolve("profile.json");
    Files.writeString(file, json);
    return ScoringProfiles.resolve(file.toString());
  }

  private static String profile(String indicators) {
    return "{\"name\": \"mine\", \"version\": 2, \"description\": \"test\", \"indicators\": ["
        + indicators
        + "]}";
  }

  @Test
  void balancedIsBuiltIn() {
    ScoringProfile balanced = ScoringProfiles.builtIn("balanced").orElseThrow();

    assertThat(balanced.reference()).isEqualTo("balanced@1");
    assertThat(balanced.indicators())
        .extracting(WeightedIndicator::name)
        .containsExactly(
            "home_broadband_adoption",
            "mobile_broadband_adoption",
            "small_cells_per_km2",
            "unserved_share",
            "mobile_5g_area_share",
            "measured_download_mbps_median");
    assertThat(balanced.indicators())
        .filteredOn(i -> i.name().equals("unserved_share"))
        .singleElement()
        .extracting(WeightedIndicator::direction)
        .isEqualTo(Direction.HIGHER_IS_GAP);
    assertThat(balanced.indicators().stream().mapToDouble(WeightedIndicator::weight).sum())
        .isEqualTo(1.0, org.assertj.core.api.Assertions.offset(1e-9));
  }

  @Test
  void homeAdoptionIsBuiltIn() {
    ScoringProfile home = ScoringProfiles.resolve("home-adoption");

    assertThat(home.name()).isEqualTo("home-adoption");
    assertThat(home.indicators())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.name()).isEqualTo("home_broadband_adoption");
              assertThat(i.direction()).isEqualTo(Direction.LOWER_IS_GAP);
              assertThat(i.reason()).isEqualTo("low home broadband adoption");
            });
  }

  @Test
  void everyBuiltInLoadsAndTheDefaultIsOne() {
    for (String name : ScoringProfiles.builtInNames()) {
      assertThat(ScoringProfiles.builtIn(name)).as(name).isPresent();
    }
    assertThat(ScoringProfiles.builtInNames()).contains(ScoringProfiles.DEFAULT);
    assertThat(ScoringProfiles.builtIn("no-such-profile")).isEmpty();
  }

  @Test
  void profileFileIsRead() throws IOException {
    ScoringProfile p =
        resolveFile(
            profile(
                "{\"name\": \"wifi_per_km2\", \"weight\": 2, \"direction\": \"LOWER_IS_GAP\"},"
                    + "{\"name\": \"unserved_share\", \"weight\": 0.5, \"direction\": \"higher_is_gap\","
                    + " \"reason\": \"unserved\"}"));

    assertThat(p.reference()).isEqualTo("mine@2");
    assertThat(p.indicators())
        .extracting(
            WeightedIndicator::name, WeightedIndicator::weight, WeightedIndicator::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wifi_per_km2", 2.0, Direction.LOWER_IS_GAP),
            org.assertj.core.groups.Tuple.tuple("unserved_share", 0.5, Direction.HIGHER_IS_GAP));
    assertThat(p.indicators().get(0).reason()).isEqualTo("wifi per km2");
  }

  @Test
  void unknownIndicatorIsRejected() {
    assertThatThrownBy(
            () ->
                resolveFile(
                    profile(
                        "{\"name\": \"home_broadband_adoptoin\", \"weight\": 1,"
                            + " \"direction\": \"lower_is_gap\"}")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("profile.json")
        .hasMessageContaining("invalid scoring profile")
        .hasMessageContaining("unknown indicator 'home_broadband_adoptoin'")
        .hasMessageContaining("home_broadband_adoption");
  }

  @Test
  void zeroWeightIsRejected() {
    assertThatThrownBy(
            () ->
                resolveFile(
                    profile(
                        "{\"name\": \"households\", \"weight\": 0, \"direction\": \"lower_is_gap\"}")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("every weight is 0: nothing to score");
    assertThatThrownBy(
            () ->
                resolveFile(
                    profile(
                        "{\"name\": \"households\", \"weight\": 0, \"direction\": \"lower_is_gap\"},"
                            + "{\"name\": \"population\", \"weight\": 1, \"direction\": \"lower_is_gap\"}")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("indicator households: 'weight' must be greater than 0, found 0")
        .hasMessageContaining("remove the indicator");
  }

  @Test
  void negativeWeightIsRejected() {
    assertThatThrownBy(
            () ->
                resolveFile(
                    profile(
                        "{\"name\": \"households\", \"weight\": -1, \"direction\": \"lower_is_gap\"}")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("indicator households: 'weight' must be greater than 0, found -1");
  }

  @Test
  void weightThatIsNotANumberIsRejected() {
    assertThatThrownBy(
            () ->
                resolveFile(
                    profile(
                        "{\"name\": \"households\", \"weight\": \"2\", \"direction\": \"lower_is_gap\"}")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'weight' must be a number");
  }

  @Test
  void badDirectionIsRejected() {
    assertThatThrownBy(
            () ->
                resolveFile(
                    profile("{\"name\": \"households\", \"weight\": 1, \"direction\": \"down\"}")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'direction' must be lower_is_gap or higher_is_gap, found 'down'");
  }

  @Test
  void profileWithoutIndicatorsIsRejected() {
    assertThatThrownBy(() -> resolveFile(profile("")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'indicators' is empty: nothing to score");
    assertThatThrownBy(() -> resolveFile("{\"name\": \"mine\", \"version\": 1}"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("'indicators' must be an array");
  }

  @Test
  void indicatorListedTwiceIsRejected() {
    String twice = "{\"name\": \"households\", \"weight\": 1, \"direction\": \"lower_is_gap\"}";

    assertThatThrownBy(() -> resolveFile(profile(twice + "," + twice)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("lists households twice");
  }

  @Test
  void invalidJsonIsRejected() {
    assertThatThrownBy(() -> resolveFile("{\"name\": "))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void unknownNameThatIsNoFileIsAnIllegalArgument() {
    assertThatThrownBy(() -> ScoringProfiles.resolve("balanced-2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no built-in profile 'balanced-2'")
        .hasMessageContaining("balanced, home-adoption");
  }
}
