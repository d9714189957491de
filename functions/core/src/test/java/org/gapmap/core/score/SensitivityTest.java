package org.gapmap.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.junit.jupiter.api.Test;

class SensitivityTest {
  private static final String HOME = "home_broadband_adoption";
  private static final String MOBILE = "mobile_broadband_adoption";

  /**
   * Home weighs 0.55 and mobile 0.45; B and C trade places when home weighs less:
   *
   * <pre>
   *      home gap  mobile gap  base   home×0.8  home×1.2  mobile×0.8  mobile×1.2
   *   A  1         1           100    100       100       100         100
   *   B  2/3       1/3         51.7   49.8      53.2      53.5        50.2
   *   C  1/3       2/3         48.3   50.2      46.8      46.5        49.8
   *   D  0         0           0      0         0         0           0
   * </pre>
   */
  private static Sensitivity.Report report(int top) {
    List<Neighborhood> neighborhoods =
        List.of(
            neighborhood("A", box(0, 0, 1, 1)),
            neighborhood("B", box(0, 0, 1, 1)),
            neighborhood("C", box(0, 0, 1, 1)),
            neighborhood("D", box(0, 0, 1, 1)));
    Map<NeighborhoodId, Indicators> indicators = new HashMap<>();
    indicators.put(NeighborhoodId.of("A"), Indicators.of(Map.of(HOME, 0.1, MOBILE, 0.1)));
    indicators.put(NeighborhoodId.of("B"), Indicators.of(Map.of(HOME, 0.2, MOBILE, 0.3)));
    indicators.put(NeighborhoodId.of("C"), Indicators.of(Map.of(HOME, 0.3, MOBILE, 0.2)));
    indicators.put(NeighborhoodId.of("D"), Indicators.of(Map.of(HOME, 0.4, MOBILE, 0.9)));
    ScoringProfile profile =
        new ScoringProfile(
            "two",
            1,
            "",
            List.of(
                new WeightedIndicator(HOME, 0.55, Direction.LOWER_IS_GAP, null),
                new WeightedIndicator(MOBILE, 0.45, Direction.LOWER_IS_GAP, null)));
    return Sensitivity.analyze(neighborhoods, indicators, profile, top, 0.2);
  }

  @Test
  void eachWeightMovesUpAndDownOneAtATime() {
    assertThat(report(2).scenarios())
        .containsExactly(HOME + " ×0.8", HOME + " ×1.2", MOBILE + " ×0.8", MOBILE + " ×1.2");
  }

  @Test
  void rankRangesShowWhichPicksAreRobust() {
    Sensitivity.Report report = report(2);

    assertThat(report.entries())
        .extracting(
            e -> e.id().value(),
            Sensitivity.Entry::baseRank,
            Sensitivity.Entry::bestRank,
            Sensitivity.Entry::worstRank,
            Sensitivity.Entry::robust)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", 1, 1, 1, true),
            org.assertj.core.groups.Tuple.tuple("B", 2, 2, 3, false),
            org.assertj.core.groups.Tuple.tuple("C", 3, 2, 3, false));
    assertThat(report.robustCount()).isEqualTo(1);
    assertThat(report.entries().get(1).scenariosInTop()).isEqualTo(3);
    assertThat(report.entries().get(2).scenariosInTop())
        .as("C enters the top 2 only when home weighs less")
        .isEqualTo(1);
  }

  @Test
  void topThreeIsStable() {
    Sensitivity.Report report = report(3);

    assertThat(report.robustCount()).isEqualTo(3);
    assertThat(report.entries()).hasSize(3);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> report(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
