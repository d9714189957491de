package org.gapmap.ingest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The row-batch Lambda handler ({@code org.gapmap.ingest.RowBatchHandler}), one child of the ingest
 * state machine's Distributed Map over a CSV upload's rows (see {@link RowsTask} for its input):
 * writes the batch back under the upload's header, reads it into a partial aggregate and writes
 * that under {@code work/<execution>/}; returns {@code {"partial": key, "rows": n}}. Only for kinds
 * whose rows need not meet ({@code points}); a failure fails the batch, which the state machine
 * retries. Thread-safe.
 */
public class RowBatchHandler
    extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {
  @Inject UploadIngestor ingestor;

  /** Used by Lambda. */
  public RowBatchHandler() {
    super();
  }

  /** Used by tests: beans from {@code context}. */
  public RowBatchHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public Map<String, Object> execute(Map<String, Object> input) {
    RowsTask task = RowsTask.of(input);
    String partial = ingestor.shardRows(task.bucket(), task.key(), task.execution(), task.rows());
    return Map.of("partial", partial, "rows", task.rows().size());
  }
}
