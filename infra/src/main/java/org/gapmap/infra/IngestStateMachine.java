package org.gapmap.infra;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.CsvHeaders;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.ItemBatcher;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.S3CsvItemReader;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Timeout;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The ingest state machine for uploads too big for one function, started with {@code {"bucket",
 * "key", "shards"}} and an optional {@code "path"}. It reads the upload along one of two paths,
 * each a Distributed Map of functions that write partial aggregates under {@code
 * work/<execution>/}, followed by the merge function, which merges the partials, stores the upload,
 * scores and publishes:
 *
 * <ul>
 *   <li><b>scan</b>: {@code shards} shard functions, each scanning the whole object (zip and gzip
 *       as they are) and keeping the rows its shard owns, routed by the kind's shard key so that
 *       rows that must meet (a location's, a cell's, a duplicate's) do. Every kind that shards.
 *   <li><b>items</b>: the Distributed Map reads the CSV object itself (item reader, header from the
 *       first row) and hands batches of consecutive rows to the row-batch function. Only plain CSV
 *       of a kind whose rows need not meet: {@code points}.
 * </ul>
 *
 * The path is chosen explicitly: {@code "path": "scan"} or {@code "items"} in the input decides;
 * without it, keys {@code uploads/<region>/points/<name>.csv} (a points CSV, uncompressed by its
 * name) take the items path and everything else the scan path. The row-batch function refuses a
 * compressed object and any kind whose rows must meet, so a wrong choice fails, never misreads.
 *
 * <p>Failure tolerance: Lambda service errors, throttling and timeouts are retried with backoff;
 * either map tolerates no failed item (0 %); any failure ends in the {@code IngestFailed} state
 * before the merge, so nothing is published and the region keeps its current run.
 */
final class IngestStateMachine extends Construct {
  static final int MAX_CONCURRENCY = 1000;
  static final int TIMEOUT_MINUTES = 60;

  /** Keys that take the items path when the input names no path: a points CSV. */
  static final String ITEMS_KEYS = "uploads/*/points/*.csv";

  static final String SCAN_PATH = "scan";
  static final String ITEMS_PATH = "items";

  /**
   * At most this many bytes of items in one batch: the batch (with its BatchInput) is one child
   * execution's input, which Step Functions caps at 256 KiB; a quarter is left for the BatchInput
   * and the envelope.
   */
  static final int MAX_INPUT_BYTES_PER_BATCH = 192 * 1024;

  /** At most this many rows in one batch, whatever their size: a few seconds of work. */
  static final int MAX_ITEMS_PER_BATCH = 1000;

  /**
   * Row batches in flight at once: each loads the region's neighborhoods from the table, so this
   * also bounds the read load, and it leaves the account's Lambda concurrency to the other
   * functions.
   */
  static final int ROWS_MAX_CONCURRENCY = 100;

  /** A row batch's time limit, well inside an Express child execution's 5 minutes. */
  static final int ROWS_TIMEOUT_MINUTES = 2;

  private final StateMachine stateMachine;

  /**
   * @param shard the shard function (one shard of the whole object)
   * @param rows the row-batch function (one batch of the item reader's rows)
   * @param merge the merge function
   * @param uploads the bucket uploads land in, which the item reader reads
   * @param uploadsPrefix the prefix of uploads in it
   */
  IngestStateMachine(
      Construct scope,
      String id,
      IFunction shard,
      IFunction rows,
      IFunction merge,
      IBucket uploads,
      String uploadsPrefix) {
    super(scope, id);
    Fail failed =
        Fail.Builder.create(this, "IngestFailed")
            .error("IngestFailed")
            .cause("a shard, a batch of rows or the merge failed; nothing was published")
            .build();
    Fail unknownPath =
        Fail.Builder.create(this, "UnknownPath")
            .error("UnknownPath")
            .cause("\"path\" must be \"" + SCAN_PATH + "\" or \"" + ITEMS_PATH + "\"")
            .build();
    Succeed published = Succeed.Builder.create(this, "Published").build();

    Pass plan =
        Pass.Builder.create(this, "Plan")
            .comment("shard numbers 0 .. shards - 1")
            .parameters(
                Map.of(
                    "bucket.$", "$.bucket",
                    "key.$", "$.key",
                    "shards.$", "$.shards",
                    "shardIds.$", "States.ArrayRange(0, States.MathAdd($.shards, -1), 1)"))
            .build();
    plan.next(shardsMap(shard, failed))
        .next(mergeTask("Merge", merge, false, failed))
        .next(published);

    DistributedMap rowsMap = rowsMap(rows, failed);
    rowsMap.next(mergeTask("MergeRows", merge, true, failed)).next(published);

    Choice pathGiven =
        Choice.Builder.create(this, "PathGiven")
            .comment("the path the input names")
            .build()
            .when(Condition.stringEquals("$.path", SCAN_PATH), plan)
            .when(Condition.stringEquals("$.path", ITEMS_PATH), rowsMap)
            .otherwise(unknownPath);
    Choice route =
        Choice.Builder.create(this, "Route")
            .comment("scan the whole object in shards, or read batches of its rows as items")
            .build()
            .when(Condition.isPresent("$.path"), pathGiven)
            .when(Condition.stringMatches("$.key", ITEMS_KEYS), rowsMap)
            .otherwise(plan);

    this.stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            .stateMachineType(StateMachineType.STANDARD)
            .timeout(Duration.minutes(TIMEOUT_MINUTES))
            .definitionBody(DefinitionBody.fromChainable(route))
            .build();
    // the item reader reads the upload as the state machine (its bucket comes from the input, so
    // the construct adds no statement of its own); uploads only
    stateMachine.addToRolePolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of("s3:GetObject"))
            .resources(List.of(uploads.arnForObjects(uploadsPrefix + "*")))
            .build());
  }

  /** One shard function per shard number, each scanning the whole object. */
  private DistributedMap shardsMap(IFunction shard, Fail failed) {
    LambdaInvoke shardTask =
        LambdaInvoke.Builder.create(this, "Shard")
            .lambdaFunction(shard)
            .payloadResponseOnly(true)
            .retryOnServiceExceptions(true)
            .taskTimeout(Timeout.duration(Duration.minutes(15)))
            .build();
    shardTask.addRetry(timedOut());
    shardTask.addRetry(throttled());

    DistributedMap shards =
        DistributedMap.Builder.create(this, "Shards")
            .comment("one shard function per shard number; partials go to work/<execution>/")
            .itemsPath("$.shardIds")
            .itemSelector(
                Map.of(
                    "bucket", JsonPath.stringAt("$.bucket"),
                    "key", JsonPath.stringAt("$.key"),
                    "shards", JsonPath.numberAt("$.shards"),
                    "shard", JsonPath.numberAt("$$.Map.Item.Value"),
                    "execution", JsonPath.stringAt("$$.Execution.Name")))
            .maxConcurrency(MAX_CONCURRENCY)
            .toleratedFailurePercentage(0)
            .mapExecutionType(StateMachineType.STANDARD)
            .resultPath(JsonPath.DISCARD)
            .build();
    shards.itemProcessor(shardTask);
    shards.addCatch(failed);
    return shards;
  }

  /**
   * The CSV item reader over the upload, its rows batched within the payload and time limits, each
   * batch one Express child execution invoking the row-batch function. A child's output is
   * discarded ({@code OutputPath: null} gives {}), so the map's collected results stay far below
   * the 256 KiB state payload limit however many batches there are.
   */
  private DistributedMap rowsMap(IFunction rows, Fail failed) {
    LambdaInvoke rowsTask =
        LambdaInvoke.Builder.create(this, "ReadRows")
            .lambdaFunction(rows)
            .payloadResponseOnly(true)
            .retryOnServiceExceptions(true)
            .taskTimeout(Timeout.duration(Duration.minutes(ROWS_TIMEOUT_MINUTES)))
            .outputPath(JsonPath.DISCARD)
            .build();
    rowsTask.addRetry(timedOut());
    rowsTask.addRetry(throttled());

    ObjectNode batchInput = JsonNodeFactory.instance.objectNode();
    batchInput.put("bucket.$", "$.bucket");
    batchInput.put("key.$", "$.key");
    batchInput.put("execution.$", "$$.Execution.Name");

    DistributedMap map =
        DistributedMap.Builder.create(this, "Rows")
            .comment("batches of the upload's rows, read as CSV items; partials go to work/")
            .itemReader(
                S3CsvItemReader.Builder.create()
                    .bucketNamePath(JsonPath.stringAt("$.bucket"))
                    .key(JsonPath.stringAt("$.key"))
                    .csvHeaders(CsvHeaders.useFirstRow())
                    .build())
            .itemSelector(
                Map.of(
                    "index", JsonPath.numberAt("$$.Map.Item.Index"),
                    "values", JsonPath.objectAt("$$.Map.Item.Value")))
            .itemBatcher(
                ItemBatcher.Builder.create()
                    .maxInputBytesPerBatch(MAX_INPUT_BYTES_PER_BATCH)
                    .maxItemsPerBatch(MAX_ITEMS_PER_BATCH)
                    .batchInput(batchInput)
                    .build())
            .maxConcurrency(ROWS_MAX_CONCURRENCY)
            .toleratedFailurePercentage(0)
            .mapExecutionType(StateMachineType.EXPRESS)
            .resultPath(JsonPath.DISCARD)
            .build();
    map.itemProcessor(rowsTask);
    map.addCatch(failed);
    return map;
  }

  /** The merge after shards ({@code shards} partials) or after row batches ({@code "items"}). */
  private LambdaInvoke mergeTask(String id, IFunction merge, boolean items, Fail failed) {
    Map<String, Object> payload =
        items
            ? Map.of(
                "bucket", JsonPath.stringAt("$.bucket"),
                "key", JsonPath.stringAt("$.key"),
                "execution", JsonPath.stringAt("$$.Execution.Name"),
                "path", ITEMS_PATH)
            : Map.of(
                "bucket", JsonPath.stringAt("$.bucket"),
                "key", JsonPath.stringAt("$.key"),
                "shards", JsonPath.numberAt("$.shards"),
                "execution", JsonPath.stringAt("$$.Execution.Name"));
    LambdaInvoke task =
        LambdaInvoke.Builder.create(this, id)
            .lambdaFunction(merge)
            .payload(TaskInput.fromObject(payload))
            .payloadResponseOnly(true)
            .retryOnServiceExceptions(true)
            .build();
    task.addRetry(throttled());
    task.addCatch(failed);
    return task;
  }

  /** A function that ran past its task timeout: once more, after a pause. */
  private static RetryProps timedOut() {
    return RetryProps.builder()
        .errors(List.of("States.Timeout"))
        .interval(Duration.seconds(5))
        .maxAttempts(2)
        .backoffRate(2)
        .build();
  }

  /** Lambda throttling at a thousand concurrent shards: back off with jitter and try again. */
  private static RetryProps throttled() {
    return RetryProps.builder()
        .errors(List.of("Lambda.TooManyRequestsException"))
        .interval(Duration.seconds(2))
        .maxAttempts(6)
        .backoffRate(2)
        .jitterStrategy(JitterType.FULL)
        .build();
  }

  StateMachine stateMachine() {
    return stateMachine;
  }
}
