package org.gapmap.core.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.Crosswalk;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.store.ScoreStore;

/**
 * Ingests one upload into a region: identifies it by content hash (the same file twice changes
 * nothing), reads it with the reader of its kind, and stores the per-neighborhood indicators. Input
 * that is rejected leaves the store as it was. Thread-safe if the store is.
 */
public final class IngestService {
  private final ScoreStore store;
  private final Clock clock;
  private final Map<UploadKind, UploadReader> readers = new EnumMap<>(UploadKind.class);

  public IngestService(ScoreStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    readers.put(UploadKind.ADOPTION, new AdoptionReader());
    readers.put(UploadKind.POINTS, new PointsReader());
    // coverage polygons, hexagons and speed-test tiles (#3)
    readers.put(UploadKind.MOBILE_COVERAGE, new MobileCoverageReader());
    readers.put(UploadKind.MOBILE_H3, new MobileH3Reader());
    readers.put(UploadKind.TILES, new TilesReader());
    readers.put(UploadKind.BDC_FIXED, new BdcFixedReader());
    readers.put(UploadKind.MEASUREMENTS, new MeasurementsReader());
  }

  /**
   * @throws NoSuchElementException if the region is unknown
   * @throws org.gapmap.core.input.InputRejectedException if the input is rejected
   * @throws IllegalArgumentException if the options do not fit the kind (unknown preset or mapping
   *     target)
   */
  public IngestOutcome ingest(
      RegionId regionId,
      UploadKind kind,
      InputSource input,
      UploadOptions options,
      ProgressListener progress) {
    return ingest(regionId, kind, input, options, progress, 1);
  }

  /**
   * Ingests like {@link #ingest(RegionId, UploadKind, InputSource, UploadOptions,
   * ProgressListener)}, reading the upload in {@code shards} parallel shards (see {@link
   * ShardedRead}) when {@code shards > 1}; the stored indicators are the same.
   *
   * @throws IllegalArgumentException if {@code shards > 1} for a kind that does not shard
   */
  public IngestOutcome ingest(
      RegionId regionId,
      UploadKind kind,
      InputSource input,
      UploadOptions options,
      ProgressListener progress,
      int shards) {
    UploadReader reader = readers.get(kind);
    if (shards != 1 && !(reader instanceof ShardableReader)) {
      throw new IllegalArgumentException(
          "--shards applies to " + shardableKinds() + ", not " + kind.cliName());
    }
    if (store.region(regionId).isEmpty()) {
      throw new NoSuchElementException("no region " + regionId + "; add it with 'region add'");
    }
    UploadId id = input.contentHash();
    Optional<UploadRecord> existing = store.upload(regionId, id);
    if (existing.isPresent()) {
      return new IngestOutcome(existing.get(), true);
    }
    RegionContext region = context(regionId);
    ReadResult result =
        shards == 1
            ? reader.read(progress.observing(input), region, options)
            : new ShardedRead(Path.of(System.getProperty("java.io.tmpdir")))
                .read((ShardableReader) reader, progress.observing(input), region, options, shards);
    return store(regionId, kind, input, options, id, result);
  }

  private IngestOutcome store(
      RegionId regionId,
      UploadKind kind,
      InputSource input,
      UploadOptions options,
      UploadId id,
      ReadResult result) {
    UploadRecord record =
        new UploadRecord(
            id,
            regionId,
            kind,
            result.label(),
            fileName(input.name()),
            options.attribution(),
            clock.instant(),
            result.report(),
            result.indicators(),
            options.asOf());
    if (!store.putUpload(record)) {
      return new IngestOutcome(store.upload(regionId, id).orElse(record), true);
    }
    return new IngestOutcome(record, false);
  }

  /**
   * Shard {@code shard} of {@code shards} of an upload (see {@link ShardedRead#shardOf}): the step
   * one shard function runs. Nothing is stored.
   *
   * @throws IllegalArgumentException if the kind does not shard
   */
  public PartialAggregate shard(
      RegionId regionId,
      UploadKind kind,
      InputSource input,
      UploadOptions options,
      int shard,
      int shards) {
    return new ShardedRead(Path.of(System.getProperty("java.io.tmpdir")))
        .shardOf(shardable(kind), input, context(regionId), options, shard, shards);
  }

  /**
   * The partial of one slice of an upload's rows (a CSV with the upload's header), for a kind whose
   * reader splits anywhere ({@link ShardKey#anySplit}): the step a function runs on a batch of rows
   * handed out by a cloud CSV item reader, which knows nothing of shard keys. Nothing is stored.
   *
   * @throws IllegalArgumentException if rows of the kind must meet by key or by record
   */
  public PartialAggregate shardSlice(
      RegionId regionId, UploadKind kind, InputSource slice, UploadOptions options) {
    ShardableReader reader = shardable(kind);
    if (!reader.shardKey(options).anySplit()) {
      throw new IllegalArgumentException(
          kind.cliName()
              + " rows cannot be read in arbitrary batches: rows of one "
              + (reader.shardKey(options).column() != null ? "key" : "record")
              + " must meet in one shard; read it in shards of the whole object instead");
    }
    return reader.shard(slice, context(regionId), options);
  }

  /**
   * Stores an upload from the partials of all its shards, merged in the order given, as {@link
   * #ingest} would store it read whole: the step the merge function runs before scoring.
   *
   * @throws IllegalArgumentException if there are no partials
   */
  public IngestOutcome merge(
      RegionId regionId,
      UploadKind kind,
      InputSource input,
      UploadOptions options,
      List<PartialAggregate> partials) {
    UploadId id = input.contentHash();
    Optional<UploadRecord> existing = store.upload(regionId, id);
    if (existing.isPresent()) {
      return new IngestOutcome(existing.get(), true);
    }
    if (partials.isEmpty()) {
      throw new IllegalArgumentException("no partials to merge for " + input.name());
    }
    PartialAggregate merged = partials.get(0);
    for (int k = 1; k < partials.size(); k++) {
      merged.merge(partials.get(k));
    }
    ReadResult result = shardable(kind).finish(input.name(), merged, context(regionId), options);
    return store(regionId, kind, input, options, id, result);
  }

  private ShardableReader shardable(UploadKind kind) {
    if (readers.get(kind) instanceof ShardableReader s) {
      return s;
    }
    throw new IllegalArgumentException(
        "shards apply to " + shardableKinds() + ", not " + kind.cliName());
  }

  /** The kinds whose readers shard, for messages: "bdc-fixed, measurements, ...". */
  private String shardableKinds() {
    return readers.entrySet().stream()
            .filter(e -> e.getValue() instanceof ShardableReader)
            .map(e -> e.getKey().cliName())
            .sorted()
            .collect(java.util.stream.Collectors.joining(", "))
        + " (CSV; GeoJSON is read whole)";
  }

  private RegionContext context(RegionId regionId) {
    if (store.region(regionId).isEmpty()) {
      throw new NoSuchElementException("no region " + regionId + "; add it with 'region add'");
    }
    return new RegionContext(
        regionId,
        store.neighborhoods(regionId),
        store.crosswalk(regionId, Crosswalk.TRACT).stream().toList());
  }

  private static String fileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }
}
