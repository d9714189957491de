package org.gapmap.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.ingest.CsvUploadHeader;
import org.gapmap.core.ingest.IngestOutcome;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.RowBatch;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;
import org.gapmap.core.store.StoreConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests one uploaded object: reads it from the bucket, stores it by content hash, rescores the
 * region with its current profile and publishes the run, then writes a report object next to it.
 *
 * <p>Options come from the object's user metadata: {@code preset} ({@code nyc-imp}), {@code label}
 * (of a points upload), {@code attribution}, and {@code columns} ({@code
 * target=column,target=column}).
 *
 * <p>A redelivered event changes nothing; one whose first delivery stored the upload but died
 * before publishing publishes now. Rejected files get a report and an {@link
 * InputRejectedException}, like every other failure, so the event ends in the dead-letter queue;
 * the store is unchanged. Thread-safe if the store and the bucket are.
 */
public final class UploadIngestor {
  private static final Logger LOG = LoggerFactory.getLogger(UploadIngestor.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Publishes tried before the event is left to the Lambda's own retries. */
  static final int PUBLISH_ATTEMPTS = 8;

  private static final long MAX_PAUSE_MILLIS = 1_000;

  /** Prefix of intermediate work (shard partials); a lifecycle rule expires it. */
  public static final String WORK_PREFIX = "work/";

  /** Bytes read from the start of an upload for its header row: far more than any real header. */
  static final int HEADER_BYTES = 64 * 1024;

  private static final String ROWS_PREFIX = "rows-";
  private static final int READ_THREADS = 32;
  private static final Pattern ROWS_KEY = Pattern.compile("rows-(\\d{12})-(\\d{12})\\.bin");

  private final ScoreStore store;
  private final UploadBucket bucket;
  private final IngestService ingest;
  private final RunPublisher publisher;

  public UploadIngestor(ScoreStore store, UploadBucket bucket, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.ingest = new IngestService(store, clock);
    this.publisher = new RunPublisher(store, clock);
  }

  /**
   * Ingests {@code key} of {@code bucket}.
   *
   * @throws IllegalArgumentException if the key is not {@code uploads/<regionId>/<kind>/<file>} or
   *     the metadata options do not fit the kind
   * @throws InputRejectedException if the file is rejected (after its report is written)
   * @throws java.util.NoSuchElementException if the region is not registered
   */
  public IngestResult ingest(String bucketName, String key) {
    UploadKey upload = UploadKey.parse(key);
    StoredObject object = bucket.open(bucketName, key);
    IngestOutcome outcome;
    try {
      outcome =
          ingest.ingest(
              upload.regionId(),
              upload.kind(),
              object.source(),
              options(object.metadata()),
              ProgressListener.NONE);
    } catch (InputRejectedException e) {
      throw rejected(bucketName, upload, e);
    }
    return published(bucketName, key, upload, outcome);
  }

  private IngestResult published(
      String bucketName, String key, UploadKey upload, IngestOutcome outcome) {
    UploadRecord record = outcome.upload();
    String runId = null;
    if (!outcome.alreadyIngested() || !inCurrentRun(upload.regionId(), record)) {
      runId = publish(upload.regionId(), record.id()).id().value();
    }
    IngestResult result =
        new IngestResult(
            key,
            outcome.alreadyIngested() ? IngestResult.ALREADY_INGESTED : IngestResult.INGESTED,
            record.id().sha256(),
            record.report().rowsRead(),
            record.report().rowsUsed(),
            record.report().rowsOutside(),
            record.report().rowsSkipped(),
            record.report().notes(),
            runId);
    writeReport(bucketName, upload, result);
    LOG.info(
        "{}: {} upload {}, run {}", key, result.status(), record.id().shortForm(), result.runId());
    return result;
  }

  /**
   * Shard {@code shard} of {@code shards} of {@code key} (a step of the ingest state machine):
   * reads the rows the split routes to it and writes its partial aggregate to {@link #partialKey}.
   * Nothing is stored in the table; running it again writes the same bytes.
   *
   * @return the key of the partial
   */
  public String shard(String bucketName, String key, int shard, int shards, String execution) {
    UploadKey upload = UploadKey.parse(key);
    StoredObject object = bucket.open(bucketName, key);
    PartialAggregate partial =
        ingest.shard(
            upload.regionId(),
            upload.kind(),
            object.source(),
            options(object.metadata()),
            shard,
            shards);
    String partialKey = partialKey(execution, shard);
    bucket.putObject(bucketName, partialKey, bytes(partial));
    LOG.info("{}: shard {} of {} -> {}", key, shard + 1, shards, partialKey);
    return partialKey;
  }

  /**
   * Merges the partials of every shard of {@code key} (the last step of the ingest state machine),
   * stores the upload, rescores and publishes, and writes the report: the result {@link #ingest}
   * gives for the same object. A rejected upload gets a report and nothing is published.
   */
  public IngestResult merge(String bucketName, String key, int shards, String execution) {
    List<String> keys = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      keys.add(partialKey(execution, k));
    }
    return merged(bucketName, key, partials(bucketName, keys, key));
  }

  /**
   * The partial of one batch of consecutive rows of {@code key}, handed out by the state machine's
   * CSV item reader as values keyed by column name: the rows are written back under the upload's
   * own header (read from the object's first bytes) and read by the kind's reader, which must take
   * rows in any split ({@link IngestService#shardSlice}). The partial goes to {@link #rowsKey};
   * running the batch again writes the same bytes to the same key.
   *
   * @return the key of the partial
   * @throws InputRejectedException if the object is compressed, its header cannot be read, the rows
   *     do not fit it or a value is bad
   * @throws IllegalArgumentException if rows of the kind cannot be read in arbitrary batches
   */
  public String shardRows(
      String bucketName, String key, String execution, List<RowBatch.Row> rows) {
    UploadKey upload = UploadKey.parse(key);
    StoredObject object = bucket.open(bucketName, key);
    RowBatch batch = RowBatch.of(key, header(bucketName, key), rows);
    PartialAggregate partial =
        ingest.shardSlice(
            upload.regionId(), upload.kind(), batch.slice(), options(object.metadata()));
    String partialKey = rowsKey(execution, batch.first(), batch.last());
    bucket.putObject(bucketName, partialKey, bytes(partial));
    LOG.info("{}: rows {} to {} -> {}", key, batch.first() + 1, batch.last() + 1, partialKey);
    return partialKey;
  }

  /**
   * Merges the partials of every batch of rows of {@code key} that {@link #shardRows} wrote for
   * {@code execution}, in row order, then stores, scores, publishes and reports as {@link #merge}
   * does. The batches must cover rows 0 to n - 1 without gap or overlap; an upload without data
   * rows reads as its header alone (and is rejected as empty).
   *
   * @throws IllegalStateException if the batches' partials leave a gap or overlap
   */
  public IngestResult mergeRows(String bucketName, String key, String execution) {
    UploadKey upload = UploadKey.parse(key);
    List<long[]> ranges = new ArrayList<>();
    Map<Long, String> keys = new HashMap<>();
    String prefix = WORK_PREFIX + checkedExecution(execution) + "/" + ROWS_PREFIX;
    for (String k : bucket.list(bucketName, prefix)) {
      Matcher m = ROWS_KEY.matcher(k.substring(k.lastIndexOf('/') + 1));
      if (m.matches()) {
        long first = Long.parseLong(m.group(1));
        ranges.add(new long[] {first, Long.parseLong(m.group(2))});
        keys.put(first, k);
      }
    }
    ranges.sort(Comparator.comparingLong(r -> r[0]));
    long next = 0;
    List<String> inOrder = new ArrayList<>();
    for (long[] r : ranges) {
      if (r[0] != next) {
        throw new IllegalStateException(
            key
                + ": the partials of "
                + execution
                + (r[0] > next
                    ? " miss rows " + (next + 1) + "-" + r[0]
                    : " overlap at row " + (r[0] + 1)));
      }
      inOrder.add(keys.get(r[0]));
      next = r[1] + 1;
    }
    List<PartialAggregate> partials = partials(bucketName, inOrder, key);
    if (partials.isEmpty()) {
      StoredObject object = bucket.open(bucketName, key);
      byte[] header = header(bucketName, key).record();
      byte[] headerOnly = Arrays.copyOf(header, header.length + 1);
      headerOnly[header.length] = '\n';
      try {
        partials.add(
            ingest.shardSlice(
                upload.regionId(),
                upload.kind(),
                new InputSource(key, () -> new ByteArrayInputStream(headerOnly), headerOnly.length),
                options(object.metadata())));
      } catch (InputRejectedException e) {
        throw rejected(bucketName, upload, e);
      }
    }
    LOG.info("{}: merging the partials of {} rows", key, next);
    return merged(bucketName, key, partials);
  }

  /**
   * Reads the partials at {@code keys}, in that order, {@value #READ_THREADS} at a time: a run of
   * the items path leaves one per batch of rows, thousands of them, and one GET after another would
   * take minutes. A missing or unreadable one fails the merge.
   */
  private List<PartialAggregate> partials(String bucketName, List<String> keys, String key) {
    List<PartialAggregate> partials = new ArrayList<>();
    if (keys.size() <= 1) {
      keys.forEach(k -> partials.add(partial(bucketName, k, key)));
      return partials;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(READ_THREADS, keys.size()));
    try {
      List<Future<PartialAggregate>> reads = new ArrayList<>();
      for (String k : keys) {
        reads.add(pool.submit(() -> partial(bucketName, k, key)));
      }
      for (Future<PartialAggregate> read : reads) {
        partials.add(read.get());
      }
      return partials;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the partials of " + key, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("reading the partials of " + key, e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads a partial; a missing or unreadable one fails the merge. */
  private PartialAggregate partial(String bucketName, String partialKey, String key) {
    byte[] bytes = bucket.getObject(bucketName, partialKey);
    try {
      return PartialAggregate.readFrom(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(partialKey + " of " + key + ": " + e.getMessage(), e);
    }
  }

  private IngestResult merged(String bucketName, String key, List<PartialAggregate> partials) {
    UploadKey upload = UploadKey.parse(key);
    StoredObject object = bucket.open(bucketName, key);
    IngestOutcome outcome;
    try {
      outcome =
          ingest.merge(
              upload.regionId(),
              upload.kind(),
              object.source(),
              options(object.metadata()),
              partials);
    } catch (InputRejectedException e) {
      throw rejected(bucketName, upload, e);
    }
    return published(bucketName, key, upload, outcome);
  }

  /** Writes the report of a rejected upload and gives back the rejection to throw. */
  private InputRejectedException rejected(
      String bucketName, UploadKey upload, InputRejectedException e) {
    writeReport(
        bucketName,
        upload,
        new IngestResult(
            upload.key(), IngestResult.REJECTED, null, 0, 0, 0, 0, List.of(e.getMessage()), null));
    return e;
  }

  /** The header of upload {@code key}, read from its first {@link #HEADER_BYTES} bytes. */
  private CsvUploadHeader header(String bucketName, String key) {
    byte[] prefix = bucket.readPrefix(bucketName, key, HEADER_BYTES);
    return CsvUploadHeader.read(key, prefix, prefix.length < HEADER_BYTES);
  }

  private static byte[] bytes(PartialAggregate partial) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      partial.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Where the partial of rows {@code first} to {@code last} (0-based data rows) of a state machine
   * execution goes; zero-padded so keys list in row order.
   */
  static String rowsKey(String execution, long first, long last) {
    return WORK_PREFIX
        + checkedExecution(execution)
        + "/"
        + ROWS_PREFIX
        + String.format(java.util.Locale.ROOT, "%012d-%012d.bin", first, last);
  }

  /** Where shard {@code shard} of a state machine execution keeps its partial aggregate. */
  static String partialKey(String execution, int shard) {
    return WORK_PREFIX + checkedExecution(execution) + "/partial-" + shard + ".bin";
  }

  private static String checkedExecution(String execution) {
    if (!execution.matches("[A-Za-z0-9_.:-]{1,200}")) {
      throw new IllegalArgumentException("execution name '" + execution + "'");
    }
    return execution;
  }

  private boolean inCurrentRun(RegionId regionId, UploadRecord record) {
    return currentRun(regionId).map(run -> run.inputs().contains(record.id())).orElse(false);
  }

  private Optional<Run> currentRun(RegionId regionId) {
    return store
        .region(regionId)
        .flatMap(Region::currentRun)
        .flatMap(runId -> store.run(regionId, runId));
  }

  /**
   * Publishes a run that holds {@code upload}. When another ingest of the region moved the
   * current-run pointer first, its run may already hold the upload (it read the inputs after this
   * one was stored): then that run is the answer. Otherwise the region is scored again, after a
   * random pause that grows with each attempt, so that concurrent ingests do not collide in step.
   * After {@value #PUBLISH_ATTEMPTS} attempts the conflict is thrown, and the event's redelivery
   * publishes (the upload is stored already).
   */
  private Run publish(RegionId regionId, UploadId upload) {
    for (int attempt = 1; ; attempt++) {
      try {
        return publisher.publish(regionId, currentProfile(regionId));
      } catch (StoreConflictException e) {
        Optional<Run> current = currentRun(regionId).filter(run -> run.inputs().contains(upload));
        if (current.isPresent()) {
          LOG.info(
              "region {}: run {} published meanwhile holds upload {}",
              regionId,
              current.get().id(),
              upload.shortForm());
          return current.get();
        }
        if (attempt >= PUBLISH_ATTEMPTS) {
          throw e;
        }
        LOG.info("region {}: another run was published meanwhile; scoring again", regionId);
        pause(regionId, attempt);
      }
    }
  }

  private static void pause(RegionId regionId, int attempt) {
    long bound = Math.min(MAX_PAUSE_MILLIS, 25L << Math.min(attempt, 10));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreConflictException("interrupted while waiting to publish region " + regionId);
    }
  }

  /**
   * The profile the region's current run was scored with, its stored definition included (so a
   * custom profile, its minimum sample too, stays in force), else the default profile.
   */
  private ScoringProfile currentProfile(RegionId regionId) {
    return currentRun(regionId)
        .flatMap(
            run -> ScoringProfiles.of(run).or(() -> ScoringProfiles.builtIn(run.profileName())))
        .or(() -> ScoringProfiles.builtIn(ScoringProfiles.DEFAULT))
        .orElseThrow();
  }

  private static UploadOptions options(Map<String, String> metadata) {
    Map<String, String> columns = new LinkedHashMap<>();
    String mapping = metadata.get("columns");
    if (mapping != null && !mapping.isBlank()) {
      for (String pair : mapping.split(",")) {
        int eq = pair.indexOf('=');
        if (eq <= 0 || eq == pair.length() - 1) {
          throw new IllegalArgumentException(
              "metadata 'columns' must be target=column pairs separated by commas, found '"
                  + pair
                  + "'");
        }
        columns.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return new UploadOptions(
        metadata.get("preset"), columns, metadata.get("label"), metadata.get("attribution"));
  }

  private void writeReport(String bucketName, UploadKey upload, IngestResult result) {
    try {
      bucket.putReport(bucketName, upload.reportKey(), JSON.writeValueAsBytes(result));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not encode the report of " + upload.key(), e);
    }
  }
}
