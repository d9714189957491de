package org.gapmap.ingest;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest Lambda handler ({@code org.gapmap.ingest.IngestHandler}): each {@code ObjectCreated}
 * record of the S3 event is ingested, rescored and published. Any failure fails the invocation, so
 * Lambda retries it and then hands the event to the function's dead-letter queue; a run is never
 * half-published, and ingesting is idempotent, so a retry is safe.
 *
 * <p>The application context (clients, store, table check) is built in the constructor, that is in
 * Lambda's init phase, which SnapStart snapshots.
 */
public class IngestHandler extends MicronautRequestHandler<S3Event, List<IngestResult>> {
  private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

  @Inject UploadIngestor ingestor;

  /**
   * Objects of this size or more are left to the sharded ingest state machine, which an EventBridge
   * rule starts for them ({@code GAPMAP_SHARD_THRESHOLD_BYTES}; by default nothing is left).
   */
  @Value("${gapmap.shard-threshold-bytes:9223372036854775807}")
  long shardThreshold;

  /** Used by Lambda: configuration from the environment ({@code GAPMAP_TABLE}, ...). */
  public IngestHandler() {
    super();
  }

  /** Used by tests: beans from {@code context}. */
  public IngestHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public List<IngestResult> execute(S3Event event) {
    List<IngestResult> results = new ArrayList<>();
    for (S3EventNotificationRecord record : event.getRecords()) {
      if (!record.getEventName().startsWith("ObjectCreated:")) {
        continue;
      }
      Long size = record.getS3().getObject().getSizeAsLong();
      if (size != null && size >= shardThreshold) {
        LOG.info(
            "{}: {} bytes, at least {}: left to the sharded ingest",
            record.getS3().getObject().getUrlDecodedKey(),
            size,
            shardThreshold);
        continue;
      }
      results.add(
          ingestor.ingest(
              record.getS3().getBucket().getName(), record.getS3().getObject().getUrlDecodedKey()));
    }
    return results;
  }
}
