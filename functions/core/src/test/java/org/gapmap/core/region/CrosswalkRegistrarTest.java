package org.gapmap.core.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;
import static org.gapmap.core.TestInputs.source;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.run.InMemoryScoreStore;
import org.gapmap.core.store.StoreFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrosswalkRegistrarTest {
  private static final RegionId ID = RegionId.of("test-squares");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

  private InMemoryScoreStore store;
  private CrosswalkRegistrar registrar;

  @BeforeEach
  void region() {
    store = new InMemoryScoreStore();
    store.createRegion(
        new org.gapmap.core.model.Region(
            ID, "Squares", StoreFixtures.region("x").bbox(), 2, "", CLOCK.instant(), null, 0),
        List.of(
            neighborhood("W1", box(-74.10, 40.60, -74.00, 40.70)),
            neighborhood("E1", box(-74.00, 40.60, -73.90, 40.70))));
    registrar = new CrosswalkRegistrar(store, CLOCK);
  }

  private CrosswalkRegistrar.Registered register(String csv) {
    return registrar.register(ID, Crosswalk.TRACT, source("tracts.csv", csv), "GEOID", "NTACode");
  }

  @Test
  void registersKeysAndReportsUnknownNeighborhoods() {
    CrosswalkRegistrar.Registered r =
        register(
            "GEOID,NTACode\n36047000100,W1\n36047000200,W1\n36047000300,E1\n36047000400,QN99\n");

    assertThat(r.crosswalk().size()).isEqualTo(3);
    assertThat(store.crosswalk(ID, Crosswalk.TRACT).orElseThrow().target("36047000300"))
        .contains(NeighborhoodId.of("E1"));
    assertThat(r.notes()).anyMatch(n -> n.contains("QN99"));
    assertThat(r.crosswalk().registeredAt()).isEqualTo(CLOCK.instant());
  }

  @Test
  void rejectsBadKeysAndConflictsAndKeepsTheEarlierCrosswalk() {
    Crosswalk earlier = register("GEOID,NTACode\n36047000100,W1\n").crosswalk();

    assertThatThrownBy(() -> register("GEOID,NTACode\n3604700010,W1\n"))
        .isInstanceOfSatisfying(
            InputRejectedException.class,
            e -> {
              assertThat(e.location()).isEqualTo("line 2");
              assertThat(e.column()).isEqualTo("GEOID");
              assertThat(e.reason()).contains("11-digit");
            });
    assertThatThrownBy(() -> register("GEOID,NTACode\n36047000100,W1\n36047000100,E1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> register("GEOID,NTA\n36047000100,W1\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("NTACode");
    assertThatThrownBy(() -> register("GEOID,NTACode\n36047000100,QN99\n"))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("no row names a neighborhood");
    assertThat(store.crosswalk(ID, Crosswalk.TRACT)).contains(earlier);
    assertThatThrownBy(
            () ->
                registrar.register(
                    RegionId.of("nowhere"),
                    Crosswalk.TRACT,
                    source("t.csv", "GEOID,NTACode\n36047000100,W1\n"),
                    "GEOID",
                    "NTACode"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void ingestUsesTheRegisteredCrosswalkAndARejectedUploadChangesNothing() {
    register("GEOID,NTACode\n36047000100,W1\n36047000200,E1\n");
    IngestService ingest = new IngestService(store, CLOCK);
    String header =
        "frn,provider_id,brand_name,location_id,technology,max_advertised_download_speed,"
            + "max_advertised_upload_speed,low_latency,business_residential_code,state_usps,"
            + "block_geoid,h3_res8_id\n";
    String good =
        header
            + "1,11,A,501,50,1000,1000,1,R,NY,360470001001000,882a100d2dfffff\n"
            + "1,12,B,502,40,50,5,1,R,NY,360470002001000,882a100d2dfffff\n";

    UploadRecord stored =
        ingest
            .ingest(
                ID,
                UploadKind.BDC_FIXED,
                source("bdc.csv", good),
                UploadOptions.defaults(),
                ProgressListener.NONE)
            .upload();

    assertThat(stored.indicators().get(NeighborhoodId.of("W1")).get("served_share")).hasValue(1.0);
    assertThat(stored.indicators().get(NeighborhoodId.of("E1")).get("underserved_share"))
        .hasValue(1.0);
    String bad = good + "1,12,B,503,40,50,5,1,R,NY,3604700020,882a100d2dfffff\n";
    assertThatThrownBy(
            () ->
                ingest.ingest(
                    ID,
                    UploadKind.BDC_FIXED,
                    source("bad.csv", bad),
                    UploadOptions.defaults(),
                    ProgressListener.NONE))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("line 4");
    assertThat(store.uploads(ID)).containsExactly(stored);
  }
}
