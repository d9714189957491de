package org.gapmap.cli;

import java.nio.file.Path;
import java.time.Clock;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.region.CrosswalkRegistrar;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.store.embedded.SqliteScoreStore;

/** The local runtime: the embedded store under a data directory and the core services on it. */
final class LocalRuntime implements AutoCloseable {
  private final ScoreStore store;
  private final Clock clock;

  LocalRuntime(ScoreStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  static LocalRuntime open(Path dataDir) {
    return new LocalRuntime(SqliteScoreStore.open(dataDir), Clock.systemUTC());
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
  }
}
