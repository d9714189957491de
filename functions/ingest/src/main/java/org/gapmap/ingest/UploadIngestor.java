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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.ingest.IngestOutcome;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputRejectedException;
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
      writeReport(
          bucketName,
          upload,
          new IngestResult(
              key, IngestResult.REJECTED, null, 0, 0, 0, 0, List.of(e.getMessage()), null));
      throw e;
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      partial.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String partialKey = partialKey(execution, shard);
    bucket.putObject(bucketName, partialKey, bytes.toByteArray());
    LOG.info("{}: shard {} of {} -> {}", key, shard + 1, shards, partialKey);
    return partialKey;
  }

  /**
   * Merges the partials of every shard of {@code key} (the last step of the ingest state machine),
   * stores the upload, rescores and publishes, and writes the report: the result {@link #ingest}
   * gives for the same object. A rejected upload gets a report and nothing is published.
   */
  public IngestResult merge(String bucketName, String key, int shards, String execution) {
    UploadKey upload = UploadKey.parse(key);
    StoredObject object = bucket.open(bucketName, key);
    List<PartialAggregate> partials = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      byte[] bytes = bucket.getObject(bucketName, partialKey(execution, k));
      try {
        partials.add(PartialAggregate.readFrom(new ByteArrayInputStream(bytes)));
      } catch (IOException e) {
        throw new UncheckedIOException("partial " + k + " of " + key + ": " + e.getMessage(), e);
      }
    }
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
      writeReport(
          bucketName,
          upload,
          new IngestResult(
              key, IngestResult.REJECTED, null, 0, 0, 0, 0, List.of(e.getMessage()), null));
      throw e;
    }
    return published(bucketName, key, upload, outcome);
  }

  /** Where shard {@code shard} of a state machine execution keeps its partial aggregate. */
  static String partialKey(String execution, int shard) {
    if (!execution.matches("[A-Za-z0-9_.:-]{1,200}")) {
      throw new IllegalArgumentException("execution name '" + execution + "'");
    }
    return WORK_PREFIX + execution + "/partial-" + shard + ".bin";
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
