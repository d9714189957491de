package org.gapmap.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.source;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.run.InMemoryScoreStore;
import org.gapmap.core.store.StoreConflictException;
import org.junit.jupiter.api.Test;

class RegionRegistrarTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final RegionId ID = RegionId.of("squares");
  private static final RegionImportOptions OPTIONS =
      new RegionImportOptions("code", "name", null, List.of(UnrankedCondition.parse("code~.*99")));

  private static final String TWO_SQUARES =
      "{\"type\":\"FeatureCollection\",\"features\":["
          + "{\"type\":\"Feature\",\"properties\":{\"code\":\"B99\",\"name\":\"Park\"},"
          + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[2,1],[3,1],[3,2],[2,2],[2,1]]]}},"
          + "{\"type\":\"Feature\",\"properties\":{\"code\":\"A01\",\"name\":\"Town\"},"
          + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}";

  private final InMemoryScoreStore store = new InMemoryScoreStore();
  private final RegionRegistrar registrar =
      new RegionRegistrar(store, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void regionIsStoredWithItsExtentAndNeighborhoods() {
    ImportedRegion imported =
        registrar.register(ID, " ", "test data", source("squares.geojson", TWO_SQUARES), OPTIONS);

    Region region = store.region(ID).orElseThrow();
    assertThat(region.title()).isEqualTo("squares");
    assertThat(region.bbox()).isEqualTo(new BoundingBox(0, 0, 3, 2));
    assertThat(region.neighborhoodCount()).isEqualTo(2);
    assertThat(region.attribution()).isEqualTo("test data");
    assertThat(region.createdAt()).isEqualTo(NOW);
    assertThat(region.currentRun()).isEmpty();
    assertThat(region.version()).isZero();
    assertThat(store.neighborhoods(ID))
        .extracting(n -> n.id().value() + ":" + n.ranked())
        .containsExactly("A01:true", "B99:false");
    assertThat(imported.rankedCount()).isEqualTo(1);
  }

  @Test
  void existingRegionIsAConflict() {
    registrar.register(ID, "Squares", "", source("squares.geojson", TWO_SQUARES), OPTIONS);

    assertThatThrownBy(
            () ->
                registrar.register(
                    ID, "Again", "", source("squares.geojson", TWO_SQUARES), OPTIONS))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("exists already");
    assertThat(store.region(ID).orElseThrow().title()).isEqualTo("Squares");
  }

  @Test
  void rejectedFileStoresNothing() {
    String broken = TWO_SQUARES.replace("\"code\":\"A01\",", "");

    assertThatThrownBy(
            () -> registrar.register(ID, "", "", source("squares.geojson", broken), OPTIONS))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("feature 2");
    assertThat(store.regions()).isEmpty();
  }
}
