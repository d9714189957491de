package org.gapmap.ingest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merge Lambda handler ({@code org.gapmap.ingest.MergeHandler}), the last step of the ingest
 * state machine: {@code {"bucket", "key", "shards", "execution"}} after shards of the whole object,
 * or {@code {"bucket", "key", "execution", "path": "items"}} after batches of rows from the CSV
 * item reader → merges the partials, stores the upload, rescores, publishes and writes the report;
 * returns the report's status, upload id and run id. A failure fails the execution; nothing is
 * published then. Thread-safe.
 */
public class MergeHandler
    extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {
  /** The {@code path} of a merge after batches of rows from the CSV item reader. */
  static final String ITEMS_PATH = "items";

  @Inject UploadIngestor ingestor;

  /** Used by Lambda. */
  public MergeHandler() {
    super();
  }

  /** Used by tests: beans from {@code context}. */
  public MergeHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public Map<String, Object> execute(Map<String, Object> input) {
    IngestResult result;
    if (input.containsKey("path")) {
      if (!ITEMS_PATH.equals(input.get("path"))) {
        throw new IllegalArgumentException(
            "\"path\" of a merge must be \"" + ITEMS_PATH + "\", found " + input.get("path"));
      }
      result =
          ingestor.mergeRows(
              ShardTask.text(input, "bucket"),
              ShardTask.text(input, "key"),
              ShardTask.text(input, "execution"));
    } else {
      ShardTask task = ShardTask.of(input);
      result = ingestor.merge(task.bucket(), task.key(), task.shards(), task.execution());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", result.key());
    out.put("status", result.status());
    out.put("uploadId", result.uploadId());
    out.put("runId", result.runId());
    out.put("rowsRead", result.rowsRead());
    return out;
  }
}
