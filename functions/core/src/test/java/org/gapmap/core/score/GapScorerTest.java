package org.gapmap.core.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.NeighborhoodScore;
import org.junit.jupiter.api.Test;

class GapScorerTest {
  private static final String HOME = "home_broadband_adoption";
  private static final String UNSERVED = "unserved_share";
  private static final String NO_HOME = "no_home_broadband_households";

  /** Home adoption weighs 3, unserved share 1. */
  private static final ScoringProfile PROFILE =
      new ScoringProfile(
          "test",
          1,
          "",
          List.of(
              new WeightedIndicator(HOME, 3, Direction.LOWER_IS_GAP, null),
              new WeightedIndicator(UNSERVED, 1, Direction.HIGHER_IS_GAP, null)));

  private static final ScoringProfile HOME_ONLY =
      new ScoringProfile(
          "home", 1, "", List.of(new WeightedIndicator(HOME, 1, Direction.LOWER_IS_GAP, null)));

  private static Neighborhood n(String id, boolean ranked) {
    return neighborhood(id, box(0, 0, 1, 1), ranked);
  }

  private static Map<String, NeighborhoodScore> byId(List<NeighborhoodScore> scores) {
    Map<String, NeighborhoodScore> map = new HashMap<>();
    scores.forEach(s -> map.put(s.id().value(), s));
    return map;
  }

  /**
   * Four ranked neighborhoods and one park that is not ranked (its very low adoption must not move
   * anyone's percentile).
   *
   * <pre>
   *        home  percentile  gap  | unserved percentile gap | score
   *   A    0.5   0/3         1    | 0.1      0/2        0   | 100 * (3*1   + 1*0  ) / 4 = 75
   *   B    0.7   1.5/3       0.5  | 0.3      2/2        1   | 100 * (3*0.5 + 1*1  ) / 4 = 62.5
   *   C    0.7   1.5/3       0.5  | -                       | 100 * (3*0.5       ) / 3 = 50
   *   D    0.9   3/3         0    | 0.2      1/2        0.5 | 100 * (3*0   + 1*0.5) / 4 = 12.5
   * </pre>
   */
  private static List<NeighborhoodScore> handComputedCase() {
    List<Neighborhood> neighborhoods =
        List.of(n("D", true), n("PARK", false), n("B", true), n("A", true), n("C", true));
    Map<NeighborhoodId, Indicators> indicators = new HashMap<>();
    indicators.put(NeighborhoodId.of("A"), Indicators.of(Map.of(HOME, 0.5, UNSERVED, 0.1)));
    indicators.put(NeighborhoodId.of("B"), Indicators.of(Map.of(HOME, 0.7, UNSERVED, 0.3)));
    indicators.put(NeighborhoodId.of("C"), Indicators.of(Map.of(HOME, 0.7)));
    indicators.put(NeighborhoodId.of("D"), Indicators.of(Map.of(HOME, 0.9, UNSERVED, 0.2)));
    indicators.put(NeighborhoodId.of("PARK"), Indicators.of(Map.of(HOME, 0.01, UNSERVED, 0.9)));
    return GapScorer.score(neighborhoods, indicators, PROFILE);
  }

  @Test
  void scoresMatchTheHandComputedPercentiles() {
    Map<String, NeighborhoodScore> s = byId(handComputedCase());

    assertThat(s.get("A").gapScore()).isCloseTo(75.0, offset(1e-9));
    assertThat(s.get("B").gapScore()).isCloseTo(62.5, offset(1e-9));
    assertThat(s.get("C").gapScore()).isCloseTo(50.0, offset(1e-9));
    assertThat(s.get("D").gapScore()).isCloseTo(12.5, offset(1e-9));
  }

  @Test
  void tiedValuesShareOnePercentile() {
    Map<String, NeighborhoodScore> s = byId(handComputedCase());

    assertThat(s.get("B").contributions().get(HOME))
        .isEqualTo(s.get("C").contributions().get(HOME) * 3 / 4, offset(1e-9))
        .isCloseTo(37.5, offset(1e-9));
  }

  @Test
  void lowerIsGapFlipsAndHigherIsGapDoesNot() {
    Map<String, NeighborhoodScore> s = byId(handComputedCase());

    // lowest adoption gets the full home gap, highest gets none
    assertThat(s.get("A").contributions().get(HOME)).isCloseTo(75.0, offset(1e-9));
    assertThat(s.get("D").contributions().get(HOME)).isCloseTo(0.0, offset(1e-9));
    // highest unserved share gets the full unserved gap, lowest gets none
    assertThat(s.get("B").contributions().get(UNSERVED)).isCloseTo(25.0, offset(1e-9));
    assertThat(s.get("A").contributions().get(UNSERVED)).isCloseTo(0.0, offset(1e-9));
    assertThat(s.get("D").contributions().get(UNSERVED)).isCloseTo(12.5, offset(1e-9));
  }

  @Test
  void contributionsAddUpToTheScore() {
    for (NeighborhoodScore score : handComputedCase()) {
      if (score.gapScore() != null) {
        double sum = score.contributions().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum)
            .as("contributions of %s", score.id())
            .isCloseTo(score.gapScore(), offset(1e-9));
      }
    }
  }

  @Test
  void missingIndicatorIsListedAndTheWeightsRenormalized() {
    NeighborhoodScore c = byId(handComputedCase()).get("C");

    assertThat(c.missingIndicators()).containsExactly(UNSERVED);
    assertThat(c.contributions()).containsOnlyKeys(HOME);
    assertThat(c.contributions().get(HOME)).isCloseTo(50.0, offset(1e-9));
    assertThat(byId(handComputedCase()).get("A").missingIndicators()).isEmpty();
  }

  @Test
  void unrankedNeighborhoodKeepsItsIndicatorsButGetsNoScoreOrRank() {
    NeighborhoodScore park = byId(handComputedCase()).get("PARK");

    assertThat(park.gapScore()).isNull();
    assertThat(park.rank()).isNull();
    assertThat(park.contributions()).isEmpty();
    assertThat(park.indicators().get(HOME)).hasValue(0.01);
  }

  @Test
  void ranksRunFromOneWithoutGapsInScoreOrder() {
    List<NeighborhoodScore> scores = handComputedCase();

    assertThat(scores)
        .extracting(s -> s.id().value())
        .as("result keeps the input order")
        .containsExactly("D", "PARK", "B", "A", "C");
    Map<String, NeighborhoodScore> s = byId(scores);
    assertThat(s.get("A").rank()).isEqualTo(1);
    assertThat(s.get("B").rank()).isEqualTo(2);
    assertThat(s.get("C").rank()).isEqualTo(3);
    assertThat(s.get("D").rank()).isEqualTo(4);
  }

  @Test
  void neighborhoodWithoutAnyProfileIndicatorIsNotRanked() {
    List<Neighborhood> neighborhoods = List.of(n("A", true), n("B", true), n("C", true));
    Map<NeighborhoodId, Indicators> indicators = new HashMap<>();
    indicators.put(NeighborhoodId.of("A"), Indicators.of(Map.of(HOME, 0.5)));
    indicators.put(NeighborhoodId.of("C"), Indicators.of(Map.of(HOME, 0.6)));

    Map<String, NeighborhoodScore> s = byId(GapScorer.score(neighborhoods, indicators, HOME_ONLY));

    assertThat(s.get("B").gapScore()).isNull();
    assertThat(s.get("B").rank()).isNull();
    assertThat(s.get("B").missingIndicators()).containsExactly(HOME);
    assertThat(s.get("A").rank()).isEqualTo(1);
    assertThat(s.get("C").rank()).isEqualTo(2);
  }

  @Test
  void tiesGoToMoreHouseholdsWithoutHomeBroadbandThenToTheSmallerId() {
    List<Neighborhood> neighborhoods =
        List.of(n("a1", true), n("c3", true), n("b2", true), n("d4", true));
    Map<NeighborhoodId, Indicators> indicators = new HashMap<>();
    indicators.put(NeighborhoodId.of("a1"), Indicators.of(Map.of(HOME, 0.6, NO_HOME, 100.0)));
    indicators.put(NeighborhoodId.of("b2"), Indicators.of(Map.of(HOME, 0.6, NO_HOME, 300.0)));
    indicators.put(NeighborhoodId.of("c3"), Indicators.of(Map.of(HOME, 0.6, NO_HOME, 300.0)));
    indicators.put(NeighborhoodId.of("d4"), Indicators.of(Map.of(HOME, 0.6)));

    Map<String, NeighborhoodScore> s = byId(GapScorer.score(neighborhoods, indicators, HOME_ONLY));

    assertThat(s.values()).extracting(NeighborhoodScore::gapScore).containsOnly(50.0);
    assertThat(s.get("b2").rank()).isEqualTo(1);
    assertThat(s.get("c3").rank()).isEqualTo(2);
    assertThat(s.get("a1").rank()).isEqualTo(3);
    assertThat(s.get("d4").rank()).isEqualTo(4);
  }

  @Test
  void singleValueGetsTheMiddlePercentile() {
    List<Neighborhood> neighborhoods = List.of(n("A", true));
    Map<NeighborhoodId, Indicators> indicators =
        Map.of(NeighborhoodId.of("A"), Indicators.of(Map.of(HOME, 0.3)));

    NeighborhoodScore a = GapScorer.score(neighborhoods, indicators, HOME_ONLY).get(0);

    assertThat(a.gapScore()).isEqualTo(50.0);
    assertThat(a.rank()).isEqualTo(1);
  }

  @Test
  void ineligibleNeighborhoodsAreNeitherScoredNorCountedInThePercentiles() {
    ScoringProfile residential =
        new ScoringProfile(
            "residential",
            1,
            "",
            HOME_ONLY.indicators(),
            null,
            List.of(new EligibilityRule("households", EligibilityRule.Op.GT, 0)),
            null);
    List<Neighborhood> neighborhoods = List.of(n("A", true), n("B", true), n("C", true));
    Map<NeighborhoodId, Indicators> indicators = new HashMap<>();
    indicators.put(NeighborhoodId.of("A"), Indicators.of(Map.of(HOME, 0.5, "households", 10.0)));
    indicators.put(NeighborhoodId.of("B"), Indicators.of(Map.of(HOME, 0.9, "households", 20.0)));
    indicators.put(NeighborhoodId.of("C"), Indicators.of(Map.of(HOME, 0.1, "households", 0.0)));

    Map<String, NeighborhoodScore> s =
        byId(GapScorer.score(neighborhoods, indicators, residential));

    assertThat(s.get("C").gapScore()).isNull();
    assertThat(s.get("C").rank()).isNull();
    assertThat(s.get("C").indicators().has(HOME)).isTrue();
    assertThat(s.get("A").gapScore()).as("C's 0.1 does not count").isEqualTo(100.0);
    assertThat(s.get("B").gapScore()).isEqualTo(0.0);
  }

  @Test
  void beadTiesGoToMoreUnservedAndUnderservedLocations() {
    ScoringProfile bead = ScoringProfiles.builtIn("bead").orElseThrow();
    List<Neighborhood> neighborhoods = List.of(n("a", true), n("b", true), n("none", true));
    Map<NeighborhoodId, Indicators> indicators = new HashMap<>();
    indicators.put(
        NeighborhoodId.of("a"),
        Indicators.of(Map.of("bsl_count", 100.0, UNSERVED, 0.2, "underserved_share", 0.1)));
    indicators.put(
        NeighborhoodId.of("b"),
        Indicators.of(Map.of("bsl_count", 400.0, UNSERVED, 0.2, "underserved_share", 0.1)));
    indicators.put(
        NeighborhoodId.of("none"),
        Indicators.of(Map.of("bsl_count", 0.0, UNSERVED, 0.0, "underserved_share", 0.0)));

    Map<String, NeighborhoodScore> s = byId(GapScorer.score(neighborhoods, indicators, bead));

    assertThat(s.get("a").gapScore()).isEqualTo(s.get("b").gapScore());
    assertThat(s.get("b").rank()).as("120 locations affected beat 30").isEqualTo(1);
    assertThat(s.get("a").rank()).isEqualTo(2);
    assertThat(s.get("none").rank()).as("no serviceable locations: not eligible").isNull();
  }
}
