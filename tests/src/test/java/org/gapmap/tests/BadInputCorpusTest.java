package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.region.CrosswalkRegistrar;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.store.embedded.SqliteScoreStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed corpus of malformed and hostile inputs ({@code bad-inputs/<kind>/}): every file is
 * rejected with the message recorded in {@code bad-inputs/expected.tsv}, and the store's files are
 * byte-for-byte the same afterwards. Directory {@code neighborhoods} holds region files; every
 * other directory is named after the upload kind its files are ingested as.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
  private static final RegionId REGION = RegionId.of("nyc-nta2020");
  private static final String NYC = "/org/gapmap/geodata/nyc/";

  private Path corpus;
  private Path dataDir;
  private SqliteScoreStore store;
  private Map<String, String> expected;

  @BeforeAll
  void setUp(@TempDir Path dir) throws IOException, URISyntaxException {
    corpus =
        Path.of(BadInputCorpusTest.class.getResource("/bad-inputs/expected.tsv").toURI())
            .getParent();
    expected = new TreeMap<>();
    for (String line : Files.readAllLines(corpus.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      expected.put(parts[0], parts[1]);
    }
    dataDir = dir;
    store = SqliteScoreStore.open(dataDir);
    Clock clock = Clock.systemUTC();
    new RegionRegistrar(store, clock)
        .register(
            REGION,
            "NYC",
            "",
            resource("nyc_nta2020_dcp_24c.geojson"),
            new RegionImportOptions("NTA2020", "NTAName", "BoroName", List.of()));
    new CrosswalkRegistrar(store, clock)
        .register(
            REGION,
            Crosswalk.TRACT,
            resource("nyc_ct2020_to_nta2020_cdta_relationship.csv"),
            "GEOID",
            "NTACode");
    // Settle the database files: everything written so far reaches the database file on close.
    store.close();
    store = SqliteScoreStore.open(dataDir);
    store.neighborhoods(REGION);
  }

  @AfterAll
  void close() {
    store.close();
  }

  @Test
  void theCorpusIsLargeAndEveryFileHasAnExpectedError() throws IOException {
    List<String> files = files();
    assertThat(files).hasSizeGreaterThanOrEqualTo(60);
    assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(files);
  }

  @TestFactory
  Stream<DynamicTest> everyFileIsRejectedClearlyAndChangesNothing() throws IOException {
    return files().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      String before = storeDigest();
                      assertThatThrownBy(() -> read(name))
                          .isInstanceOfAny(
                              InputRejectedException.class, IllegalArgumentException.class)
                          .hasMessageContaining(expected.getOrDefault(name, "(no expectation)"))
                          .satisfies(
                              e ->
                                  assertThat(e.getMessage())
                                      .doesNotContain("\tat ")
                                      .doesNotContain("Exception:")
                                      .hasSizeLessThan(2_000));
                      assertThat(storeDigest()).as("store after " + name).isEqualTo(before);
                    }));
  }

  @Test
  void theDigestSeesAnAcceptedUpload() throws IOException {
    String before = storeDigest();
    byte[] csv = "latitude,longitude\n40.7527,-73.9772\n".getBytes(StandardCharsets.UTF_8);
    new IngestService(store, Clock.systemUTC())
        .ingest(
            REGION,
            UploadKind.POINTS,
            new InputSource("ok.csv", () -> new java.io.ByteArrayInputStream(csv), csv.length),
            new UploadOptions(null, new LinkedHashMap<>(), "control", null, null),
            ProgressListener.NONE);
    assertThat(storeDigest()).isNotEqualTo(before);
  }

  private void read(String name) {
    Path file = corpus.resolve(name);
    String directory = name.substring(0, name.indexOf('/'));
    InputSource input =
        new InputSource(
            file.getFileName().toString(), () -> Files.newInputStream(file), size(file));
    if (directory.equals("neighborhoods")) {
      new RegionRegistrar(store, Clock.systemUTC())
          .register(
              RegionId.of("corpus"),
              "",
              "",
              input,
              new RegionImportOptions("id", "name", null, List.of()));
      return;
    }
    UploadKind kind = UploadKind.fromName(directory).orElseThrow();
    String label = kind == UploadKind.POINTS ? "corpus" : null;
    new IngestService(store, Clock.systemUTC())
        .ingest(
            REGION,
            kind,
            input,
            new UploadOptions(null, new LinkedHashMap<>(), label, null, null),
            ProgressListener.NONE);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(corpus)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> corpus.relativize(p).toString().replace('\\', '/'))
          .filter(n -> n.contains("/"))
          .sorted()
          .toList();
    }
  }

  /**
   * SHA-256 over every file of the data directory, names and contents, except SQLite's
   * shared-memory index ({@code -shm}), which holds locks and a cache of the log, not data.
   */
  private String storeDigest() throws IOException {
    MessageDigest digest = sha256();
    try (Stream<Path> walk = Files.walk(dataDir)) {
      for (Path p :
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.toString().endsWith("-shm"))
              .sorted()
              .toList()) {
        digest.update(dataDir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(p));
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static InputSource resource(String name) {
    return new InputSource(
        name,
        () -> {
          InputStream in = BadInputCorpusTest.class.getResourceAsStream(NYC + name);
          if (in == null) {
            throw new IOException("missing resource " + name);
          }
          return in;
        },
        -1);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
