package org.gapmap.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.DistributedMap;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The ingest state machine for uploads too big for one function: started with {@code {"bucket",
 * "key", "shards"}}, it runs {@code shards} shard functions in a Distributed Map (each reads the
 * rows of the upload its shard owns and writes a partial aggregate under {@code work/}), then the
 * merge function, which merges the partials, stores the upload, scores and publishes.
 *
 * <p>Failure tolerance: Lambda service errors, throttling and timeouts are retried with backoff;
 * the map tolerates no failed item (0 %); any failure ends in the {@code IngestFailed} state before
 * the merge, so nothing is published and the region keeps its current run.
 */
final class IngestStateMachine extends Construct {
  static final int MAX_CONCURRENCY = 1000;
  static final int TIMEOUT_MINUTES = 60;

  private final StateMachine stateMachine;

  IngestStateMachine(Construct scope, String id, IFunction shard, IFunction merge) {
    super(scope, id);
    Fail failed =
        Fail.Builder.create(this, "IngestFailed")
            .error("IngestFailed")
            .cause("a shard or the merge failed; nothing was published")
            .build();

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

    LambdaInvoke shardTask =
        LambdaInvoke.Builder.create(this, "Shard")
            .lambdaFunction(shard)
            .payloadResponseOnly(true)
            .retryOnServiceExceptions(true)
            .taskTimeout(
                software.amazon.awscdk.services.stepfunctions.Timeout.duration(
                    Duration.minutes(15)))
            .build();
    shardTask.addRetry(
        RetryProps.builder()
            .errors(List.of("States.Timeout"))
            .interval(Duration.seconds(5))
            .maxAttempts(2)
            .backoffRate(2)
            .build());

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

    LambdaInvoke mergeTask =
        LambdaInvoke.Builder.create(this, "Merge")
            .lambdaFunction(merge)
            .payload(
                TaskInput.fromObject(
                    Map.of(
                        "bucket", JsonPath.stringAt("$.bucket"),
                        "key", JsonPath.stringAt("$.key"),
                        "shards", JsonPath.numberAt("$.shards"),
                        "execution", JsonPath.stringAt("$$.Execution.Name"))))
            .payloadResponseOnly(true)
            .retryOnServiceExceptions(true)
            .build();
    mergeTask.addRetry(throttled());
    mergeTask.addCatch(failed);

    Succeed published = Succeed.Builder.create(this, "Published").build();
    this.stateMachine =
        StateMachine.Builder.create(this, "StateMachine")
            .stateMachineType(StateMachineType.STANDARD)
            .timeout(Duration.minutes(TIMEOUT_MINUTES))
            .definitionBody(
                DefinitionBody.fromChainable(plan.next(shards).next(mergeTask).next(published)))
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
