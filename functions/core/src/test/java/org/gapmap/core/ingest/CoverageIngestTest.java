package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.run.InMemoryScoreStore;
import org.junit.jupiter.api.Test;

/** The coverage kinds through the ingest service: stored when good, nothing changed when bad. */
class CoverageIngestTest {
  private static final RegionId REGION = RegionId.of("test-region");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String GOOD =
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
          + "{\"technology\":\"5G\",\"mindown\":7,\"minup\":1},\"geometry\":{\"type\":\"Polygon\","
          + "\"coordinates\":[[[0,0],[0.5,0],[0.5,1],[0,1],[0,0]]]}}]}";

  private final InMemoryScoreStore store = new InMemoryScoreStore();
  private final IngestService service = new IngestService(store, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void goodCoverageIsStoredAndBadCoverageChangesNothing() {
    store.createRegion(
        new Region(REGION, "Test", new BoundingBox(0, 0, 2, 1), 2, "", NOW, null, 0),
        List.of(neighborhood("A1", box(0, 0, 1, 1)), neighborhood("B2", box(1, 0, 2, 1))));

    IngestOutcome ok =
        service.ingest(
            REGION,
            UploadKind.MOBILE_COVERAGE,
            source("coverage.geojson", GOOD),
            UploadOptions.defaults(),
            ProgressListener.NONE);
    List<UploadRecord> before = store.uploads(REGION);

    assertThatThrownBy(
            () ->
                service.ingest(
                    REGION,
                    UploadKind.MOBILE_COVERAGE,
                    source("bad.geojson", GOOD.replace("\"5G\"", "\"9G\"")),
                    UploadOptions.defaults(),
                    ProgressListener.NONE))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageStartingWith("bad.geojson: feature 1, column 'technology'");
    assertThat(store.uploads(REGION)).isEqualTo(before).hasSize(1);
    assertThat(ok.upload().kind()).isEqualTo(UploadKind.MOBILE_COVERAGE);
    assertThat(ok.upload().indicators().get(NeighborhoodId.of("A1")).get("mobile_5g_area_share"))
        .hasValueCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-3));
  }

  @Test
  void kindsAreNamedAsUsersTypeThem() {
    assertThat(UploadKind.fromName("mobile-coverage")).hasValue(UploadKind.MOBILE_COVERAGE);
    assertThat(UploadKind.fromName("mobile-h3")).hasValue(UploadKind.MOBILE_H3);
    assertThat(UploadKind.fromName("tiles")).hasValue(UploadKind.TILES);
  }
}
