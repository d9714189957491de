package org.gapmap.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.box;
import static org.gapmap.core.TestInputs.neighborhood;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.run.InMemoryScoreStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestServiceTest {
  private static final RegionId REGION = RegionId.of("test-region");
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final byte[] ADOPTION =
      "id,households,home_broadband_adoption\nA1,100,0.5\nB2,200,0.75\n"
          .getBytes(StandardCharsets.UTF_8);

  private final InMemoryScoreStore store = new InMemoryScoreStore();
  private final IngestService service = new IngestService(store, Clock.fixed(NOW, ZoneOffset.UTC));

  private static InputSource input(String name, byte[] bytes) {
    return new InputSource(name, () -> new ByteArrayInputStream(bytes), bytes.length);
  }

  @BeforeEach
  void registerRegion() {
    store.createRegion(
        new Region(REGION, "Test", new BoundingBox(0, 0, 2, 1), 2, "", NOW, null, 0),
        List.of(neighborhood("A1", box(0, 0, 1, 1)), neighborhood("B2", box(1, 0, 2, 1))));
  }

  @Test
  void uploadIsStoredUnderItsContentHash() throws Exception {
    IngestOutcome outcome =
        service.ingest(
            REGION,
            UploadKind.ADOPTION,
            input("some/dir/imp.csv", ADOPTION),
            new UploadOptions(null, Map.of(), null, "City data"),
            ProgressListener.NONE);

    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ADOPTION));
    assertThat(outcome.alreadyIngested()).isFalse();
    assertThat(outcome.upload().id().sha256()).isEqualTo(sha256);
    assertThat(outcome.upload().sourceName()).isEqualTo("imp.csv");
    assertThat(outcome.upload().attribution()).isEqualTo("City data");
    assertThat(outcome.upload().receivedAt()).isEqualTo(NOW);
    assertThat(outcome.upload().label()).isEqualTo("adoption");
    assertThat(
            outcome
                .upload()
                .indicators()
                .get(NeighborhoodId.of("B2"))
                .get("no_home_broadband_households"))
        .hasValue(50.0);
    assertThat(store.uploads(REGION)).containsExactly(outcome.upload());
  }

  @Test
  void sameBytesTwiceChangeNothing() {
    IngestOutcome first =
        service.ingest(
            REGION,
            UploadKind.ADOPTION,
            input("imp.csv", ADOPTION),
            UploadOptions.defaults(),
            ProgressListener.NONE);

    IngestOutcome second =
        service.ingest(
            REGION,
            UploadKind.ADOPTION,
            input("renamed.csv", ADOPTION.clone()),
            UploadOptions.defaults(),
            ProgressListener.NONE);

    assertThat(second.alreadyIngested()).isTrue();
    assertThat(second.upload()).isEqualTo(first.upload());
    assertThat(store.uploads(REGION)).hasSize(1);
  }

  @Test
  void progressIsReported() {
    long[] last = new long[2];

    service.ingest(
        REGION,
        UploadKind.ADOPTION,
        input("imp.csv", ADOPTION),
        UploadOptions.defaults(),
        (read, total) -> {
          last[0] = read;
          last[1] = total;
        });

    assertThat(last).containsExactly(ADOPTION.length, ADOPTION.length);
  }

  @Test
  void rejectedInputStoresNothing() {
    byte[] bad = "id,home_broadband_adoption\nA1,lots\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                service.ingest(
                    REGION,
                    UploadKind.ADOPTION,
                    input("bad.csv", bad),
                    UploadOptions.defaults(),
                    ProgressListener.NONE))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("bad.csv: line 2");
    assertThat(store.uploads(REGION)).isEmpty();
  }

  @Test
  void unknownRegionIsNoSuchElement() {
    assertThatThrownBy(
            () ->
                service.ingest(
                    RegionId.of("nowhere"),
                    UploadKind.ADOPTION,
                    input("imp.csv", ADOPTION),
                    UploadOptions.defaults(),
                    ProgressListener.NONE))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("nowhere");
  }

  @Test
  void shardsAreRefusedForAKindThatDoesNotShardNamingTheKindsThatDo() {
    assertThatThrownBy(
            () ->
                service.ingest(
                    REGION,
                    UploadKind.ADOPTION,
                    input("imp.csv", ADOPTION),
                    UploadOptions.defaults(),
                    ProgressListener.NONE,
                    2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--shards applies to bdc-fixed, measurements, mobile-h3, points, tiles (CSV; GeoJSON is"
                + " read whole), not adoption");
    assertThat(store.uploads(REGION)).isEmpty();
  }

  @Test
  void onlyKindsWhoseRowsNeedNotMeetAreReadFromArbitraryBatches() {
    byte[] tiles =
        "quadkey,avg_d_kbps,avg_u_kbps,avg_lat_ms,tests\n0,1,1,1,1\n"
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                service.shardSlice(
                    REGION, UploadKind.TILES, input("t.csv", tiles), UploadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tiles rows cannot be read in arbitrary batches: rows of one key");
    byte[] points = "lat,lon\n0.5,0.5\n0.5,1.5\n9,9\n".getBytes(StandardCharsets.UTF_8);
    var partial =
        service.shardSlice(
            REGION, UploadKind.POINTS, input("p.csv", points), UploadOptions.defaults());
    assertThat(partial.points(0) + partial.points(1)).isEqualTo(2);
  }
}
