package org.gapmap.ingest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The shard Lambda handler ({@code org.gapmap.ingest.ShardHandler}), one item of the ingest state
 * machine's Distributed Map: {@code {"bucket", "key", "shard", "shards", "execution"}} → reads
 * shard {@code shard} of {@code shards} of the upload and writes its partial aggregate under {@code
 * work/<execution>/}; returns {@code {"partial": key}}. A failure fails the item, which the state
 * machine retries. Thread-safe.
 */
public class ShardHandler
    extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {
  @Inject UploadIngestor ingestor;

  /** Used by Lambda. */
  public ShardHandler() {
    super();
  }

  /** Used by tests: beans from {@code context}. */
  public ShardHandler(ApplicationContext context) {
    super(context);
  }

  @Override
  public Map<String, Object> execute(Map<String, Object> input) {
    ShardTask task = ShardTask.of(input);
    String partial =
        ingestor.shard(task.bucket(), task.key(), task.shard(), task.shards(), task.execution());
    return Map.of("partial", partial);
  }
}
