package org.gapmap.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/** Every property the deployment promises, checked on the synthesized template, offline. */
class GapmapStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static Template template;
  private static JsonNode resources;

  @BeforeAll
  static void synthesize() throws IOException {
    App app = new App();
    GapmapStack stack =
        new GapmapStack(
            app,
            "Gapmap",
            new GapmapStackProps(
                Code.fromAsset(fakeJar("ingest.jar").toString()),
                GapmapStackProps.DEFAULT_INGEST_HANDLER,
                Code.fromAsset(fakeJar("api.jar").toString()),
                GapmapStackProps.DEFAULT_API_HANDLER,
                null));
    template = Template.fromStack(stack);
    resources = JSON.valueToTree(template.toJSON()).get("Resources");
  }

  private static Path fakeJar(String name) throws IOException {
    Path jar = work.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry("placeholder.txt"));
      zip.write("function code".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }

  @Test
  void uploadsBucketIsPrivateEncryptedVersionedAndTlsOnly() {
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "PublicAccessBlockConfiguration",
            Map.of(
                "BlockPublicAcls", true,
                "BlockPublicPolicy", true,
                "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true),
            "BucketEncryption",
            Map.of(
                "ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
            "VersioningConfiguration",
            Map.of("Status", "Enabled"),
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(Map.of("Prefix", "uploads/", "Status", "Enabled")))))));
    template.hasResourceProperties(
        "AWS::S3::BucketPolicy",
        Map.of(
            "PolicyDocument",
            Map.of(
                "Statement",
                Match.arrayWith(
                    List.of(
                        Match.objectLike(
                            Map.of(
                                "Effect",
                                "Deny",
                                "Condition",
                                Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
  }

  @Test
  void objectCreatedUnderUploadsInvokesTheIngestFunction() {
    template.hasResourceProperties(
        "Custom::S3BucketNotifications",
        Map.of(
            "NotificationConfiguration",
            Map.of(
                "LambdaFunctionConfigurations",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Events", List.of("s3:ObjectCreated:*"),
                            "Filter",
                                Map.of(
                                    "Key",
                                    Map.of(
                                        "FilterRules",
                                        List.of(
                                            Map.of("Name", "prefix", "Value", "uploads/"))))))))));
  }

  @Test
  void functionsRunJava21WithSnapStartAndTheIngestOneIsSizedAndGuarded() {
    List<JsonNode> functions = resourcesOfType("AWS::Lambda::Function");
    List<JsonNode> ours =
        functions.stream()
            .filter(f -> f.at("/Properties/Runtime").asText().equals("java21"))
            .toList();
    assertThat(ours).hasSize(5); // ingest, API, shard, row batches, merge
    for (JsonNode f : ours) {
      boolean shard = f.at("/Properties/Handler").asText().equals(GapmapStack.SHARD_HANDLER);
      assertThat(f.at("/Properties/SnapStart/ApplyOn").asText())
          .isEqualTo(shard ? "" : "PublishedVersions");
    }
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", GapmapStackProps.DEFAULT_INGEST_HANDLER,
            "MemorySize", GapmapStack.INGEST_MEMORY_MB,
            "Timeout", GapmapStack.INGEST_TIMEOUT_MINUTES * 60,
            "ReservedConcurrentExecutions", GapmapStack.INGEST_CONCURRENCY,
            "DeadLetterConfig", Map.of("TargetArn", Match.anyValue())));
    template.hasResourceProperties(
        "AWS::Lambda::Alias", Map.of("Name", "live", "FunctionVersion", Match.anyValue()));
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 14 * 24 * 3600));
  }

  @Test
  void tableIsOnDemandRecoverableProtectedAndIndexedByRank() {
    template.hasResourceProperties(
        "AWS::DynamoDB::Table",
        Map.of(
            "BillingMode", "PAY_PER_REQUEST",
            "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
            "DeletionProtectionEnabled", true,
            "KeySchema",
                List.of(
                    Map.of("AttributeName", TableDesign.PARTITION_KEY, "KeyType", "HASH"),
                    Map.of("AttributeName", TableDesign.SORT_KEY, "KeyType", "RANGE")),
            "GlobalSecondaryIndexes",
                List.of(
                    Match.objectLike(
                        Map.of(
                            "IndexName",
                            TableDesign.RANK_INDEX,
                            "KeySchema",
                            List.of(
                                Map.of(
                                    "AttributeName",
                                    TableDesign.RANK_INDEX_PARTITION_KEY,
                                    "KeyType",
                                    "HASH"),
                                Map.of(
                                    "AttributeName",
                                    TableDesign.RANK_INDEX_SORT_KEY,
                                    "KeyType",
                                    "RANGE")))))));
  }

  @Test
  void httpApiIsReadOnlyThrottledLoggedAndCorsOpenForReadsOnly() {
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Api",
        Map.of(
            "ProtocolType",
            "HTTP",
            "CorsConfiguration",
            Map.of(
                "AllowOrigins", List.of("*"),
                "AllowMethods", List.of("GET", "HEAD", "OPTIONS"))));
    List<String> routeKeys =
        resourcesOfType("AWS::ApiGatewayV2::Route").stream()
            .map(r -> r.at("/Properties/RouteKey").asText())
            .toList();
    assertThat(routeKeys)
        .containsExactlyInAnyOrder("GET /{proxy+}", "GET /", "HEAD /{proxy+}", "HEAD /");
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Stage",
        Map.of(
            "StageName", "$default",
            "DefaultRouteSettings",
                Map.of(
                    "ThrottlingRateLimit", GapmapStack.API_RATE_LIMIT,
                    "ThrottlingBurstLimit", GapmapStack.API_BURST_LIMIT),
            "AccessLogSettings",
                Map.of("DestinationArn", Match.anyValue(), "Format", Match.anyValue())));
    template.hasResourceProperties(
        "AWS::ApiGatewayV2::Integration", Map.of("PayloadFormatVersion", "2.0"));
  }

  @Test
  void apiFunctionCanOnlyReadTheTable() {
    List<String> actions = actionsOfRoleOf(GapmapStackProps.DEFAULT_API_HANDLER);
    assertThat(actions)
        .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
  }

  @Test
  void ingestFunctionReadsOnlyUploadsAndWritesOnlyReportsAndTheTable() {
    List<JsonNode> statements = statementsOfRoleOf(GapmapStackProps.DEFAULT_INGEST_HANDLER);
    List<String> s3 = new ArrayList<>();
    for (JsonNode s : statements) {
      for (String action : strings(s.get("Action"))) {
        if (action.startsWith("s3:")) {
          s3.add(action + " " + s.get("Resource").toString());
        }
      }
    }
    assertThat(s3).hasSize(2);
    assertThat(s3)
        .anySatisfy(a -> assertThat(a).startsWith("s3:GetObject ").contains("/uploads/*"));
    assertThat(s3)
        .anySatisfy(a -> assertThat(a).startsWith("s3:PutObject ").contains("/reports/*"));
    assertThat(actionsOfRoleOf(GapmapStackProps.DEFAULT_INGEST_HANDLER))
        .contains("dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "sqs:SendMessage")
        .doesNotContain("dynamodb:DeleteTable", "dynamodb:Scan");
  }

  @Test
  void noWildcardActionsOrResourcesInOurPolicies() {
    for (String handler :
        List.of(
            GapmapStackProps.DEFAULT_API_HANDLER,
            GapmapStackProps.DEFAULT_INGEST_HANDLER,
            GapmapStack.SHARD_HANDLER,
            GapmapStack.ROWS_HANDLER,
            GapmapStack.MERGE_HANDLER)) {
      for (JsonNode s : statementsOfRoleOf(handler)) {
        for (String action : strings(s.get("Action"))) {
          assertThat(action).as("action of %s", handler).doesNotContain("*");
        }
        assertThat(s.get("Resource").toString())
            .as("resource of %s", handler)
            .isNotEqualTo("\"*\"");
      }
    }
  }

  @Test
  void alarmsWatchDeadLettersErrorsAndThrottles() {
    List<JsonNode> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
    assertThat(alarms).hasSize(5);
    List<String> metrics =
        alarms.stream().map(a -> a.at("/Properties/MetricName").asText()).toList();
    assertThat(metrics)
        .containsExactlyInAnyOrder(
            "ApproximateNumberOfMessagesVisible", "Errors", "Errors", "Throttles", "Throttles");
  }

  @Test
  void outputsNameTheApiUrlAndTheBucket() {
    template.hasOutput("ApiUrl", Map.of("Value", Match.anyValue()));
    template.hasOutput("UploadsBucketName", Map.of("Value", Match.anyValue()));
  }

  @Test
  void templatePassesCfnLint() throws Exception {
    Path cfnLint = onPath("cfn-lint");
    Assumptions.assumeTrue(
        cfnLint != null, "cfn-lint is not installed here: the template lint is skipped");
    Path file = work.resolve("template.json");
    JSON.writeValue(file.toFile(), template.toJSON());
    Process p =
        new ProcessBuilder(
                cfnLint.toString(),
                "--format",
                "parseable",
                // W3005: CDK itself adds a DependsOn on each function's role next to the GetAtt
                "--ignore-checks",
                "W3005",
                "--",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    int code = p.waitFor();
    List<String> errors = out.lines().filter(l -> l.contains(":E") || l.contains(":W")).toList();
    assertThat(errors).as(out).isEmpty();
    assertThat(code).as(out).isZero();
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void shardedIngestStateMachineFansOutWithoutToleratingFailuresAndMergesLast() throws IOException {
    List<JsonNode> machines = resourcesOfType("AWS::StepFunctions::StateMachine");
    assertThat(machines).hasSize(1);
    JsonNode definition = definitionOf(machines.get(0));
    assertThat(definition.at("/StartAt").asText()).isEqualTo("Route");
    assertThat(definition.at("/States/Route/Default").asText()).isEqualTo("Plan");
    assertThat(definition.at("/States/Plan/Next").asText()).isEqualTo("Shards");
    assertThat(definition.at("/States/Plan/Parameters/shardIds.$").asText())
        .isEqualTo("States.ArrayRange(0, States.MathAdd($.shards, -1), 1)");

    JsonNode map = definition.at("/States/Shards");
    assertThat(map.at("/Type").asText()).isEqualTo("Map");
    assertThat(map.at("/ItemProcessor/ProcessorConfig/Mode").asText()).isEqualTo("DISTRIBUTED");
    // Standard children: a shard may run up to Lambda's 15 minutes, past Express's 5
    assertThat(map.at("/ItemProcessor/ProcessorConfig/ExecutionType").asText())
        .isEqualTo("STANDARD");
    // no failed item tolerated: 0 % is Step Functions' default, which the synthesizer leaves out
    assertThat(map.path("ToleratedFailurePercentage").asInt(0)).isZero();
    assertThat(map.has("ToleratedFailureCount")).isFalse();
    assertThat(map.has("ToleratedFailurePercentagePath")).isFalse();
    assertThat(map.at("/MaxConcurrency").asInt()).isEqualTo(IngestStateMachine.MAX_CONCURRENCY);
    assertThat(map.at("/ItemsPath").asText()).isEqualTo("$.shardIds");
    assertThat(map.at("/ItemSelector/shard.$").asText()).isEqualTo("$$.Map.Item.Value");
    assertThat(map.at("/ItemSelector/execution.$").asText()).isEqualTo("$$.Execution.Name");
    assertThat(map.at("/ResultPath").isNull()).isTrue();
    assertThat(map.at("/Next").asText()).isEqualTo("Merge");
    assertThat(map.at("/Catch/0/Next").asText()).isEqualTo("IngestFailed");

    JsonNode shard = map.at("/ItemProcessor/States/Shard");
    List<String> retried = new ArrayList<>();
    shard.at("/Retry").forEach(r -> retried.addAll(strings(r.get("ErrorEquals"))));
    assertThat(retried)
        .contains("Lambda.ServiceException", "Lambda.TooManyRequestsException", "States.Timeout");
    assertThat(retried).doesNotContain("States.ALL", "States.TaskFailed");

    JsonNode merge = definition.at("/States/Merge");
    assertThat(merge.at("/Next").asText()).isEqualTo("Published");
    assertThat(merge.at("/Catch/0/Next").asText()).isEqualTo("IngestFailed");
    assertThat(merge.at("/Parameters").toString())
        .contains("\"execution.$\":\"$$.Execution.Name\"", "\"shards.$\":\"$.shards\"");
    assertThat(definition.at("/States/IngestFailed/Type").asText()).isEqualTo("Fail");
  }

  @Test
  void shardFunctionsOnlyReadUploadsAndWriteWorkTheMergeAloneWritesTheTable() {
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler", GapmapStack.SHARD_HANDLER,
            "MemorySize", GapmapStack.SHARD_MEMORY_MB,
            "EphemeralStorage", Map.of("Size", GapmapStack.SHARD_EPHEMERAL_GIB * 1024)));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of("Handler", GapmapStack.MERGE_HANDLER, "MemorySize", GapmapStack.MERGE_MEMORY_MB));

    List<String> shard = actionsOfRoleOf(GapmapStack.SHARD_HANDLER);
    assertThat(shard)
        .contains("s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "dynamodb:Query")
        .doesNotContain("dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem");
    for (JsonNode s : statementsOfRoleOf(GapmapStack.SHARD_HANDLER)) {
      if (strings(s.get("Action")).contains("s3:PutObject")) {
        assertThat(s.get("Resource").toString()).contains("/work/*").doesNotContain("uploads/");
      }
    }
    List<String> merge = actionsOfRoleOf(GapmapStack.MERGE_HANDLER);
    assertThat(merge).contains("s3:GetObject", "s3:PutObject", "dynamodb:BatchWriteItem");
    for (JsonNode s : statementsOfRoleOf(GapmapStack.MERGE_HANDLER)) {
      if (strings(s.get("Action")).contains("s3:PutObject")) {
        assertThat(s.get("Resource").toString()).contains("/reports/*");
      }
    }

    // the state machine's role may invoke the two functions (their live aliases) and nothing else
    List<String> invoked = new ArrayList<>();
    List<String> actions = new ArrayList<>();
    for (JsonNode policy : resourcesOfType("AWS::IAM::Policy")) {
      if (!policy.at("/Properties/Roles/0/Ref").asText().startsWith("ShardedIngestStateMachine")) {
        continue;
      }
      for (JsonNode s : policy.at("/Properties/PolicyDocument/Statement")) {
        actions.addAll(strings(s.get("Action")));
        if (strings(s.get("Action")).contains("lambda:InvokeFunction")) {
          invoked.add(s.get("Resource").toString());
        }
      }
    }
    assertThat(actions).contains("lambda:InvokeFunction");
    assertThat(actions).doesNotContain("s3:PutObject", "dynamodb:PutItem", "*");
    assertThat(String.join(" ", invoked))
        .contains("ShardLive")
        .contains("RowsLive")
        .contains("MergeLive");
    template.hasResourceProperties(
        "AWS::S3::Bucket",
        Map.of(
            "LifecycleConfiguration",
            Map.of(
                "Rules",
                Match.arrayWith(
                    List.of(Match.objectLike(Map.of("Prefix", "work/", "ExpirationInDays", 7)))))));
  }

  @Test
  void thePathIsChosenByTheInputOrElseByAPointsCsvKey() throws IOException {
    JsonNode definition = definitionOf(resourcesOfType("AWS::StepFunctions::StateMachine").get(0));
    JsonNode route = definition.at("/States/Route");
    assertThat(route.at("/Type").asText()).isEqualTo("Choice");
    // a path named in the input decides; it is tested for presence first, as comparing a missing
    // field fails the execution
    assertThat(route.at("/Choices/0/Variable").asText()).isEqualTo("$.path");
    assertThat(route.at("/Choices/0/IsPresent").asBoolean()).isTrue();
    assertThat(route.at("/Choices/0/Next").asText()).isEqualTo("PathGiven");
    // else a points CSV (uncompressed by its name) takes the item reader, everything else a scan
    assertThat(route.at("/Choices/1/Variable").asText()).isEqualTo("$.key");
    assertThat(route.at("/Choices/1/StringMatches").asText()).isEqualTo("uploads/*/points/*.csv");
    assertThat(route.at("/Choices/1/Next").asText()).isEqualTo("Rows");
    assertThat(route.at("/Default").asText()).isEqualTo("Plan");
    JsonNode given = definition.at("/States/PathGiven");
    assertThat(given.at("/Choices/0/StringEquals").asText()).isEqualTo("scan");
    assertThat(given.at("/Choices/0/Next").asText()).isEqualTo("Plan");
    assertThat(given.at("/Choices/1/StringEquals").asText()).isEqualTo("items");
    assertThat(given.at("/Choices/1/Next").asText()).isEqualTo("Rows");
    assertThat(given.at("/Default").asText()).isEqualTo("UnknownPath");
    assertThat(definition.at("/States/UnknownPath/Type").asText()).isEqualTo("Fail");
  }

  @Test
  void theItemsPathReadsTheCsvInBatchesWellInsideThePayloadAndTimeLimits() throws IOException {
    JsonNode definition = definitionOf(resourcesOfType("AWS::StepFunctions::StateMachine").get(0));
    JsonNode map = definition.at("/States/Rows");
    assertThat(map.at("/Type").asText()).isEqualTo("Map");
    assertThat(map.at("/ItemProcessor/ProcessorConfig/Mode").asText()).isEqualTo("DISTRIBUTED");

    JsonNode reader = map.at("/ItemReader");
    assertThat(reader.at("/Resource").asText()).endsWith(":states:::s3:getObject");
    assertThat(reader.at("/ReaderConfig/InputType").asText()).isEqualTo("CSV");
    assertThat(reader.at("/ReaderConfig/CSVHeaderLocation").asText()).isEqualTo("FIRST_ROW");
    assertThat(reader.at("/ReaderConfig").has("MaxItems")).isFalse();
    assertThat(reader.at("/Parameters/Bucket.$").asText()).isEqualTo("$.bucket");
    assertThat(reader.at("/Parameters/Key.$").asText()).isEqualTo("$.key");
    // every row keeps its index among the data rows, so batches are named by the rows they hold
    assertThat(map.at("/ItemSelector/index.$").asText()).isEqualTo("$$.Map.Item.Index");
    assertThat(map.at("/ItemSelector/values.$").asText()).isEqualTo("$$.Map.Item.Value");

    // a batch is one child execution's input, which Step Functions caps at 256 KiB
    JsonNode batcher = map.at("/ItemBatcher");
    int maxBytes = batcher.at("/MaxInputBytesPerBatch").asInt();
    assertThat(maxBytes).isEqualTo(IngestStateMachine.MAX_INPUT_BYTES_PER_BATCH);
    assertThat(maxBytes).isPositive().isLessThanOrEqualTo(256 * 1024 - 32 * 1024);
    assertThat(batcher.at("/MaxItemsPerBatch").asInt())
        .isEqualTo(IngestStateMachine.MAX_ITEMS_PER_BATCH)
        .isBetween(100, 10_000);
    assertThat(batcher.at("/BatchInput/bucket.$").asText()).isEqualTo("$.bucket");
    assertThat(batcher.at("/BatchInput/key.$").asText()).isEqualTo("$.key");
    assertThat(batcher.at("/BatchInput/execution.$").asText()).isEqualTo("$$.Execution.Name");

    // short batches run as Express children; their output is dropped so that the map's
    // collected results stay small however many batches there are
    assertThat(map.at("/ItemProcessor/ProcessorConfig/ExecutionType").asText())
        .isEqualTo("EXPRESS");
    assertThat(map.path("ToleratedFailurePercentage").asInt(0)).isZero();
    assertThat(map.has("ToleratedFailureCount")).isFalse();
    assertThat(map.has("ToleratedFailurePercentagePath")).isFalse();
    assertThat(map.at("/MaxConcurrency").asInt())
        .isEqualTo(IngestStateMachine.ROWS_MAX_CONCURRENCY);
    assertThat(map.at("/ResultPath").isNull()).isTrue();
    assertThat(map.at("/Next").asText()).isEqualTo("MergeRows");
    assertThat(map.at("/Catch/0/ErrorEquals/0").asText()).isEqualTo("States.ALL");
    assertThat(map.at("/Catch/0/Next").asText()).isEqualTo("IngestFailed");

    JsonNode task = map.at("/ItemProcessor/States/ReadRows");
    assertThat(task.at("/OutputPath").isNull()).isTrue();
    int timeout = task.at("/TimeoutSeconds").asInt();
    assertThat(timeout).isEqualTo(IngestStateMachine.ROWS_TIMEOUT_MINUTES * 60).isLessThan(300);
    List<String> retried = new ArrayList<>();
    task.at("/Retry").forEach(r -> retried.addAll(strings(r.get("ErrorEquals"))));
    assertThat(retried)
        .contains("Lambda.ServiceException", "Lambda.TooManyRequestsException", "States.Timeout");
    assertThat(retried).doesNotContain("States.ALL", "States.TaskFailed");
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            GapmapStack.ROWS_HANDLER,
            "MemorySize",
            GapmapStack.ROWS_MEMORY_MB,
            "Timeout",
            timeout,
            "SnapStart",
            Map.of("ApplyOn", "PublishedVersions")));

    JsonNode merge = definition.at("/States/MergeRows");
    assertThat(merge.at("/Parameters/path").asText()).isEqualTo("items");
    assertThat(merge.at("/Parameters/execution.$").asText()).isEqualTo("$$.Execution.Name");
    assertThat(merge.at("/Next").asText()).isEqualTo("Published");
    assertThat(merge.at("/Catch/0/Next").asText()).isEqualTo("IngestFailed");
  }

  @Test
  void theItemReaderReadsOnlyUploadsAndTheRowFunctionWritesOnlyWork() {
    List<String> s3 = new ArrayList<>();
    for (JsonNode policy : resourcesOfType("AWS::IAM::Policy")) {
      if (!policy.at("/Properties/Roles/0/Ref").asText().startsWith("ShardedIngestStateMachine")) {
        continue;
      }
      for (JsonNode s : policy.at("/Properties/PolicyDocument/Statement")) {
        for (String action : strings(s.get("Action"))) {
          if (action.startsWith("s3:")) {
            s3.add(action + " " + s.get("Resource").toString());
          }
        }
      }
    }
    assertThat(s3)
        .singleElement()
        .satisfies(a -> assertThat(a).startsWith("s3:GetObject ").contains("/uploads/*"));

    for (JsonNode s : statementsOfRoleOf(GapmapStack.ROWS_HANDLER)) {
      List<String> actions = strings(s.get("Action"));
      String resource = s.get("Resource").toString();
      if (actions.contains("s3:PutObject")) {
        assertThat(resource).contains("/work/*").doesNotContain("uploads/");
      }
      if (actions.contains("s3:GetObject")) {
        assertThat(resource).contains("/uploads/*");
      }
    }
    assertThat(actionsOfRoleOf(GapmapStack.ROWS_HANDLER))
        .contains("s3:GetObject", "s3:PutObject", "dynamodb:Query")
        .doesNotContain("s3:ListBucket", "dynamodb:PutItem", "dynamodb:BatchWriteItem");

    // the merge finds the batches' partials by listing work/, and may list nothing else
    List<JsonNode> lists =
        statementsOfRoleOf(GapmapStack.MERGE_HANDLER).stream()
            .filter(s -> strings(s.get("Action")).contains("s3:ListBucket"))
            .toList();
    assertThat(lists).singleElement();
    assertThat(lists.get(0).at("/Condition/StringLike/s3:prefix").toString()).contains("work/*");
  }

  @Test
  void largeUploadsStartTheStateMachineAndTheDirectIngestLeavesThem() {
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Map.of(
            "EventPattern",
            Map.of(
                "source", List.of("aws.s3"),
                "detail-type", List.of("Object Created"),
                "detail",
                    Match.objectLike(
                        Map.of(
                            "object",
                            Map.of(
                                "key", List.of(Map.of("prefix", "uploads/")),
                                "size",
                                    List.of(
                                        Map.of(
                                            "numeric",
                                            List.of(">=", GapmapStack.SHARD_THRESHOLD_BYTES))))))),
            "Targets",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Arn", Match.anyValue(),
                        "RoleArn", Match.anyValue(),
                        "InputTransformer", Match.anyValue())))));
    template.hasResourceProperties(
        "AWS::Lambda::Function",
        Map.of(
            "Handler",
            GapmapStackProps.DEFAULT_INGEST_HANDLER,
            "Environment",
            Map.of(
                "Variables",
                Match.objectLike(
                    Map.of(
                        "GAPMAP_SHARD_THRESHOLD_BYTES",
                        Long.toString(GapmapStack.SHARD_THRESHOLD_BYTES))))));
  }

  /** The definition of a state machine, its tokens (function ARNs) replaced by placeholders. */
  private static JsonNode definitionOf(JsonNode machine) throws IOException {
    JsonNode body = machine.at("/Properties/DefinitionString");
    StringBuilder text = new StringBuilder();
    if (body.isTextual()) {
      text.append(body.asText());
    } else {
      for (JsonNode part : body.at("/Fn::Join/1")) {
        text.append(part.isTextual() ? part.asText() : "TOKEN");
      }
    }
    return JSON.readTree(text.toString());
  }

  private static List<JsonNode> resourcesOfType(String type) {
    List<JsonNode> found = new ArrayList<>();
    resources.forEach(
        r -> {
          if (r.get("Type").asText().equals(type)) {
            found.add(r);
          }
        });
    return found;
  }

  private static String logicalIdOf(JsonNode resource) {
    for (Map.Entry<String, JsonNode> e : resources.properties()) {
      if (e.getValue() == resource) {
        return e.getKey();
      }
    }
    throw new AssertionError("resource not found");
  }

  /** The statements of every IAM policy attached to the role of the function with this handler. */
  private static List<JsonNode> statementsOfRoleOf(String handler) {
    JsonNode fn =
        resourcesOfType("AWS::Lambda::Function").stream()
            .filter(f -> f.at("/Properties/Handler").asText().equals(handler))
            .findFirst()
            .orElseThrow();
    String role = fn.at("/Properties/Role/Fn::GetAtt/0").asText();
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode policy : resourcesOfType("AWS::IAM::Policy")) {
      for (JsonNode r : policy.at("/Properties/Roles")) {
        if (r.path("Ref").asText().equals(role)) {
          policy.at("/Properties/PolicyDocument/Statement").forEach(statements::add);
        }
      }
    }
    assertThat(statements).as("policies of %s (%s)", handler, logicalIdOf(fn)).isNotEmpty();
    return statements;
  }

  private static List<String> actionsOfRoleOf(String handler) {
    List<String> actions = new ArrayList<>();
    for (JsonNode s : statementsOfRoleOf(handler)) {
      actions.addAll(strings(s.get("Action")));
    }
    return actions;
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else {
      out.add(node.asText());
    }
    return out;
  }
}
