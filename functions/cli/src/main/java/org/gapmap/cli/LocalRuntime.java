package org.gapmap.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.region.CrosswalkRegistrar;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.store.embedded.SqliteScoreStore;

/**
 * The local runtime: a store (the embedded one under a data directory, or a DynamoDB table) and the
 * core services on it.
 */
final class LocalRuntime implements AutoCloseable {
  private final ScoreStore store;
  private final Clock clock;
  private final AutoCloseable resources;
  private final String description;

  LocalRuntime(ScoreStore store, Clock clock) {
    this(store, clock, () -> {}, "");
  }

  private LocalRuntime(ScoreStore store, Clock clock, AutoCloseable resources, String description) {
    this.store = store;
    this.clock = clock;
    this.resources = resources;
    this.description = description;
  }

  static LocalRuntime open(Path dataDir) {
    return new LocalRuntime(SqliteScoreStore.open(dataDir), Clock.systemUTC());
  }

  /** The store the options name (#5). */
  static LocalRuntime open(Path dataDir, StoreOptions options) {
    StoreOptions.Opened opened = options.open(dataDir);
    return new LocalRuntime(
        opened.store(), Clock.systemUTC(), opened.resources(), opened.description());
  }

  /** Where the data lives, for messages: "data in .gapmap". */
  String description() {
    return description;
  }

  ScoreStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  RegionRegistrar regions() {
    return new RegionRegistrar(store, clock);
  }

  CrosswalkRegistrar crosswalks() {
    return new CrosswalkRegistrar(store, clock);
  }

  IngestService ingest() {
    return new IngestService(store, clock);
  }

  RunPublisher publisher() {
    return new RunPublisher(store, clock);
  }

  @Override
  public void close() {
    store.close();
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not close the store's client", e);
    }
  }
}
