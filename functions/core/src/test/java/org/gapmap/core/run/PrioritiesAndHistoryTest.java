package org.gapmap.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.run.Uploads.upload;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.gapmap.core.export.FeatureProperties;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.priorities.PriorityList;
import org.gapmap.core.priorities.Totals;
import org.gapmap.core.publish.DataSource;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.RunDiff;
import org.gapmap.core.publish.ScoredFeature;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Priority lists, sources, eligibility explanations and run diffs on a small region with an
 * adoption table and a synthetic fixed-availability upload carrying the BDC indicators.
 */
class PrioritiesAndHistoryTest {
  private static final RegionId REGION = RegionId.of("test-region");
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final LocalDate VINTAGE = LocalDate.of(2020, 1, 1);

  private final InMemoryScoreStore store = new InMemoryScoreStore();

  @BeforeEach
  void registerAndUpload() {
    store.createRegion(
        new Region(REGION, "Test", new BoundingBox(0, 0, 4, 1), 4, "", T0, null, 0),
        List.of(
            neighborhood("A1", box(0, 0, 1, 1)),
            neighborhood("B2", box(1, 0, 2, 1)),
            neighborhood("C3", box(2, 0, 3, 1)),
            neighborhood("P9", box(3, 0, 4, 1), false)));
    UploadRecord adoption =
        upload(
            REGION,
            UploadKind.ADOPTION,
            "adoption",
            "imp",
            T0,
            Map.of(
                "A1",
                Map.of(
                    "households", 1000.0,
                    "population", 2500.0,
                    "home_broadband_adoption", 0.5,
                    "mobile_broadband_adoption", 0.6,
                    "no_home_broadband_households", 500.0),
                "B2",
                Map.of(
                    "households", 3000.0,
                    "home_broadband_adoption", 0.7,
                    "mobile_broadband_adoption", 0.8),
                "C3",
                Map.of(
                    "households", 2000.0,
                    "population", 5000.0,
                    "home_broadband_adoption", 0.9,
                    "mobile_broadband_adoption", 0.9,
                    "no_home_broadband_households", 200.0),
                "P9",
                Map.of("households", 0.0)));
    store.putUpload(withVintage(adoption, VINTAGE));
    store.putUpload(
        upload(
            REGION,
            UploadKind.POINTS,
            "fabric",
            "bdc",
            T0.plusSeconds(60),
            Map.of(
                "A1", Map.of("bsl_count", 400.0, "unserved_share", 0.05, "underserved_share", 0.10),
                "B2", Map.of("bsl_count", 900.0, "unserved_share", 0.20, "underserved_share", 0.10),
                "C3", Map.of("bsl_count", 0.0, "unserved_share", 0.0, "underserved_share", 0.0))));
  }

  private static UploadRecord withVintage(UploadRecord u, LocalDate asOf) {
    return new UploadRecord(
        u.id(),
        u.regionId(),
        u.kind(),
        u.label(),
        u.sourceName(),
        "City adoption survey",
        u.receivedAt(),
        u.report(),
        u.indicators(),
        asOf);
  }

  private PublishedRun publish(String profile, long secondsAfterT0) {
    Run run =
        new RunPublisher(store, Clock.fixed(T0.plusSeconds(secondsAfterT0), ZoneOffset.UTC))
            .publish(REGION, ScoringProfiles.builtIn(profile).orElseThrow());
    return PublishedRun.load(store, store.region(REGION).orElseThrow(), run.id()).orElseThrow();
  }

  @Test
  void homeAdoptionListHasHouseholdsAffectedReasonsAndTotals() {
    PriorityList list = PriorityList.of(publish("home-adoption", 120), 2);

    assertThat(list.entries())
        .extracting(e -> e.feature().neighborhood().id().value())
        .containsExactly("A1", "B2");
    PriorityList.Entry first = list.entries().get(0);
    assertThat(first.householdsAffected()).isEqualTo(500.0);
    assertThat(first.reasons())
        .containsExactly("low home broadband adoption: 50 %, the lowest of 3 ranked neighborhoods");
    assertThat(list.entries().get(1).householdsAffected())
        .as("derived from households and adoption where the table has no count")
        .isEqualTo(900.0);
    assertThat(list.entries().get(1).reasons())
        .as("at the region's median: not a reason")
        .isEmpty();

    Totals t = list.totals();
    assertThat(t.neighborhoods()).isEqualTo(2);
    assertThat(t.households()).isEqualTo(4000.0);
    assertThat(t.population()).as("only where known").isEqualTo(2500.0);
    assertThat(t.noHomeBroadbandHouseholds()).isEqualTo(1400.0);
    assertThat(t.homeBroadbandAdoptionWeighted()).isEqualTo((500 + 2100) / 4000.0);
    assertThat(t.mobileBroadbandAdoptionWeighted()).isEqualTo((600 + 2400) / 4000.0);
    assertThat(t.locations()).isEqualTo(1300.0);
    assertThat(t.unservedUnderservedLocations()).isEqualTo(60.0 + 270.0);

    assertThat(PriorityList.of(list.run(), null).entries()).hasSize(3);
    assertThat(PriorityList.of(list.run(), 99).entries()).hasSize(3);
  }

  @Test
  void statisticsFromSmallSamplesArePublishedAsNull() {
    PublishedRun run = publish("balanced", 120);
    ScoredFeature a1 = run.feature(NeighborhoodId.of("A1")).orElseThrow();
    assertThat(a1.score().indicators().value("unserved_share")).isPresent();

    Map<String, Object> withheld =
        FeatureProperties.of(a1, run, new org.gapmap.core.export.SmallSampleSuppression(401));
    assertThat(withheld).containsEntry("unserved_share", null).containsEntry("bsl_count", 400.0);
    assertThat(withheld.get("suppressed"))
        .isEqualTo(Map.of("unserved_share", "small sample", "underserved_share", "small sample"));
    assertThat(withheld).containsEntry("underserved_share", null);
    @SuppressWarnings("unchecked")
    Map<String, Double> contributions = (Map<String, Double>) withheld.get("contributions");
    assertThat(contributions).doesNotContainKey("unserved_share");

    Map<String, Object> shown =
        FeatureProperties.of(a1, run, new org.gapmap.core.export.SmallSampleSuppression(400));
    assertThat(shown.get("unserved_share")).isNotNull();
    assertThat(shown.get("suppressed")).isEqualTo(Map.of());
    assertThat(FeatureProperties.of(a1, run).get("suppressed")).as("k = 10").isEqualTo(Map.of());
  }

  @Test
  void everyFeatureNamesTheUploadsBehindItsNumbers() {
    PublishedRun run = publish("balanced", 120);
    ScoredFeature a1 = run.feature(NeighborhoodId.of("A1")).orElseThrow();

    assertThat(a1.sources()).extracting(DataSource::label).containsExactly("adoption", "fabric");
    DataSource adoption = a1.sources().get(0);
    assertThat(adoption.asOf()).isEqualTo(VINTAGE);
    assertThat(adoption.attribution()).isEqualTo("City adoption survey");
    assertThat(adoption.indicators()).contains("home_broadband_adoption", "households");
    assertThat(a1.sources().get(1).indicators())
        .containsExactly("bsl_count", "underserved_share", "unserved_share");
    assertThat(a1.sources().get(1).asOf()).isNull();

    Map<String, Object> p = FeatureProperties.of(a1, run);
    assertThat(p).containsKeys("sources", "sample_sizes", "unranked_reason");
    assertThat(p.get("sample_sizes")).isEqualTo(Map.of("unserved_share", 400.0));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sources = (List<Map<String, Object>>) p.get("sources");
    assertThat(sources.get(0))
        .containsEntry("as_of", "2020-01-01")
        .containsEntry("kind", "adoption");
    assertThat(p.get("unranked_reason")).isNull();
  }

  @Test
  void beadRanksLocationsAndSaysWhyTheOthersAreNotRanked() {
    PublishedRun run = publish("bead", 120);
    PriorityList list = PriorityList.of(run, 10);

    assertThat(list.entries())
        .extracting(e -> e.feature().neighborhood().id().value())
        .containsExactly("B2", "A1");
    PriorityList.Entry b2 = list.entries().get(0);
    assertThat(b2.locationsAffected()).isEqualTo(270.0);
    assertThat(b2.reasons())
        .containsExactly(
            "many locations unserved (below 25/3 Mbps): 20 %, the highest of 2 ranked"
                + " neighborhoods");
    assertThat(
            FeatureProperties.of(run.feature(NeighborhoodId.of("C3")).orElseThrow(), run)
                .get("unranked_reason"))
        .isEqualTo("not eligible under profile bead@1: requires bsl_count > 0");
    assertThat(
            (String)
                FeatureProperties.of(run.feature(NeighborhoodId.of("P9")).orElseThrow(), run)
                    .get("unranked_reason"))
        .startsWith("left out of the ranking when the region was registered");
  }

  @Test
  void theProfilesMinimumSampleWithholdsStatisticsInFeaturesAndPriorities() {
    PublishedRun k500 = publishWithMinimumSample(500, 120);
    PublishedRun k300 = publishWithMinimumSample(300, 180);
    ScoredFeature a1 = k500.feature(NeighborhoodId.of("A1")).orElseThrow();

    Map<String, Object> withheld = FeatureProperties.of(a1, k500);
    assertThat(withheld).containsEntry("unserved_share", null).containsEntry("bsl_count", 400.0);
    assertThat(withheld.get("suppressed"))
        .isEqualTo(Map.of("unserved_share", "small sample", "underserved_share", "small sample"));
    Map<String, Object> shown =
        FeatureProperties.of(k300.feature(NeighborhoodId.of("A1")).orElseThrow(), k300);
    assertThat(shown).containsEntry("unserved_share", 0.05);
    assertThat(shown.get("suppressed")).isEqualTo(Map.of());

    PriorityList withheldList = PriorityList.of(k500, 10);
    assertThat(withheldList.entries())
        .extracting(e -> e.feature().neighborhood().id().value())
        .as("ranks are computed from every value")
        .containsExactly("B2", "A1");
    PriorityList.Entry b2 = withheldList.entries().get(0);
    assertThat(b2.locationsAffected()).isEqualTo(270.0);
    assertThat(b2.reasons()).singleElement().asString().startsWith("many locations unserved");
    PriorityList.Entry a1Entry = withheldList.entries().get(1);
    assertThat(a1Entry.locationsAffected()).as("it would tell the withheld shares").isNull();
    assertThat(a1Entry.reasons()).isEmpty();
    assertThat(a1Entry.suppressed()).containsOnlyKeys("unserved_share", "underserved_share");
    assertThat(a1Entry.feature().score().contributions()).containsKey("unserved_share");
    assertThat(a1Entry.publishedContributions()).doesNotContainKey("unserved_share");
    assertThat(withheldList.totals().unservedUnderservedLocations()).isEqualTo(270.0);
    assertThat(withheldList.totals().locations()).as("counts stay public").isEqualTo(1300.0);

    PriorityList shownList = PriorityList.of(k300, 10);
    assertThat(shownList.entries().get(1).locationsAffected()).isEqualTo(60.0);
    assertThat(shownList.totals().unservedUnderservedLocations()).isEqualTo(330.0);
    assertThat(
            PriorityList.of(k500, 10, org.gapmap.core.export.SmallSampleSuppression.NONE)
                .totals()
                .unservedUnderservedLocations())
        .as("nothing withheld on request")
        .isEqualTo(330.0);
  }

  private PublishedRun publishWithMinimumSample(int k, long secondsAfterT0) {
    ScoringProfile bead = ScoringProfiles.builtIn("bead").orElseThrow();
    ScoringProfile profile =
        new ScoringProfile(
            "bead-k" + k,
            1,
            "",
            bead.indicators(),
            bead.thresholds(),
            bead.eligibility(),
            bead.affected(),
            k);
    Run run =
        new RunPublisher(store, Clock.fixed(T0.plusSeconds(secondsAfterT0), ZoneOffset.UTC))
            .publish(REGION, profile);
    return PublishedRun.load(store, store.region(REGION).orElseThrow(), run.id()).orElseThrow();
  }

  @Test
  void diffListsNeighborhoodsWhoseRankOrScoreChanged() {
    PublishedRun home = publish("home-adoption", 120);
    PublishedRun bead = publish("bead", 180);

    RunDiff diff = RunDiff.of(home, bead);

    assertThat(diff.from().profile()).isEqualTo("home-adoption@2");
    assertThat(diff.to().profile()).isEqualTo("bead@1");
    assertThat(diff.changes())
        .extracting(c -> c.id().value(), RunDiff.Change::rankFrom, RunDiff.Change::rankTo)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("B2", 2, 1),
            org.assertj.core.groups.Tuple.tuple("A1", 1, 2),
            org.assertj.core.groups.Tuple.tuple("C3", 3, null));
    assertThat(diff.changes().get(0).rankChange()).isEqualTo(1);
    assertThat(diff.unchanged()).as("P9: unranked in both").isEqualTo(1);
    assertThat(RunDiff.of(home, home).changes()).isEmpty();
  }
}
