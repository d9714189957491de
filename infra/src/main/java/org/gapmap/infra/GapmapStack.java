package org.gapmap.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/**
 * gapmap on AWS in one stack: uploads land in a private bucket under {@code
 * uploads/<regionId>/<kind>/}, an {@code ObjectCreated} event invokes the ingest function, which
 * writes scores to the DynamoDB table (and reports to {@code reports/}); the API function behind an
 * HTTP API serves them read-only. Failed ingests go to a dead-letter queue; alarms watch it and
 * both functions.
 *
 * <p>Least privilege: the API function can only read the table; the ingest function can read only
 * {@code uploads/}, write only {@code reports/} and the table. Both functions run Java 21 with
 * SnapStart on a published version.
 */
public final class GapmapStack extends Stack {
  static final String UPLOADS_PREFIX = "uploads/";
  static final String REPORTS_PREFIX = "reports/";
  static final int INGEST_MEMORY_MB = 4096;
  static final int INGEST_TIMEOUT_MINUTES = 15;
  static final int INGEST_CONCURRENCY = 4;
  static final int API_MEMORY_MB = 1024;
  static final String WORK_PREFIX = "work/";
  static final String SHARD_HANDLER = "org.gapmap.ingest.ShardHandler";
  static final String MERGE_HANDLER = "org.gapmap.ingest.MergeHandler";
  static final String ROWS_HANDLER = "org.gapmap.ingest.RowBatchHandler";
  static final int SHARD_MEMORY_MB = 2048;
  static final int ROWS_MEMORY_MB = 2048;
  static final int MERGE_MEMORY_MB = 10240;
  static final int SHARD_EPHEMERAL_GIB = 10;

  /** Uploads of this size or more go to the sharded ingest state machine, smaller ones direct. */
  static final long SHARD_THRESHOLD_BYTES = 1L << 30;

  /** Shards of an upload the event rule starts the state machine with. */
  static final int DEFAULT_SHARDS = 16;

  static final int API_RATE_LIMIT = 200;
  static final int API_BURST_LIMIT = 400;

  /**
   * What a function that ingests and publishes does to the table: item reads, writes and deletes.
   */
  static final List<String> TABLE_WRITER_ACTIONS =
      List.of(
          "dynamodb:GetItem",
          "dynamodb:Query",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:BatchGetItem");

  private final Bucket uploads;
  private final Table table;
  private final Queue deadLetters;
  private final Function ingest;
  private final Function api;
  private final HttpApi httpApi;
  private final IngestStateMachine shardedIngest;

  public GapmapStack(Construct scope, String id, GapmapStackProps props) {
    super(scope, id, props.stackProps());
    this.uploads = uploadsBucket();
    this.table = scoresTable();
    this.deadLetters =
        Queue.Builder.create(this, "IngestDeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    this.ingest = ingestFunction(props);
    this.api = apiFunction(props);
    this.httpApi = httpApi(api);
    Function shard = shardFunction(props);
    Function rows = rowsFunction(props);
    Function merge = mergeFunction(props);
    this.shardedIngest =
        new IngestStateMachine(
            this,
            "ShardedIngest",
            liveAlias("ShardLive", shard),
            liveAlias("RowsLive", rows),
            liveAlias("MergeLive", merge),
            uploads,
            UPLOADS_PREFIX);
    routeLargeUploads(shardedIngest.stateMachine());
    new GapmapAlarms(this, "Alarms", deadLetters, List.of(ingest, api));

    CfnOutput.Builder.create(this, "ApiUrl")
        .description("Base URL of the gapmap API (OGC API - Features)")
        .value(httpApi.getApiEndpoint())
        .build();
    CfnOutput.Builder.create(this, "UploadsBucketName")
        .description("Upload files to s3://<bucket>/uploads/<regionId>/<kind>/")
        .value(uploads.getBucketName())
        .build();
    CfnOutput.Builder.create(this, "ShardedIngestStateMachineArn")
        .description(
            "Start with {\"bucket\", \"key\": \"uploads/<regionId>/<kind>/<file>\", \"shards\": N}"
                + " and optionally \"path\": \"scan\" or \"items\"")
        .value(shardedIngest.stateMachine().getStateMachineArn())
        .build();
    CfnOutput.Builder.create(this, "TableName").value(table.getTableName()).build();
    CfnOutput.Builder.create(this, "DeadLetterQueueUrl").value(deadLetters.getQueueUrl()).build();
  }

  private Bucket uploadsBucket() {
    return Bucket.Builder.create(this, "Uploads")
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .encryption(BucketEncryption.S3_MANAGED)
        .enforceSsl(true)
        .versioned(true)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .eventBridgeEnabled(true)
        .lifecycleRules(
            List.of(
                LifecycleRule.builder()
                    .id("raw-uploads")
                    .prefix(UPLOADS_PREFIX)
                    .transitions(
                        List.of(
                            Transition.builder()
                                .storageClass(StorageClass.INFREQUENT_ACCESS)
                                .transitionAfter(Duration.days(30))
                                .build()))
                    .noncurrentVersionExpiration(Duration.days(30))
                    .abortIncompleteMultipartUploadAfter(Duration.days(7))
                    .build(),
                LifecycleRule.builder()
                    .id("shard-partials")
                    .prefix(WORK_PREFIX)
                    .expiration(Duration.days(7))
                    .build(),
                LifecycleRule.builder()
                    .id("ingest-reports")
                    .prefix(REPORTS_PREFIX)
                    .expiration(Duration.days(365))
                    .build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
  }

  private Table scoresTable() {
    Table t =
        Table.Builder.create(this, "Scores")
            .partitionKey(attribute(TableDesign.PARTITION_KEY, AttributeType.STRING))
            .sortKey(attribute(TableDesign.SORT_KEY, AttributeType.STRING))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .deletionProtection(true)
            .encryption(TableEncryption.AWS_MANAGED)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    t.addGlobalSecondaryIndex(
        GlobalSecondaryIndexProps.builder()
            .indexName(TableDesign.RANK_INDEX)
            .partitionKey(attribute(TableDesign.RANK_INDEX_PARTITION_KEY, AttributeType.STRING))
            .sortKey(attribute(TableDesign.RANK_INDEX_SORT_KEY, AttributeType.STRING))
            .projectionType(ProjectionType.ALL)
            .build());
    return t;
  }

  private Function ingestFunction(GapmapStackProps props) {
    Function fn =
        javaFunction("Ingest", props.ingestCode(), props.ingestHandler(), INGEST_MEMORY_MB)
            .timeout(Duration.minutes(INGEST_TIMEOUT_MINUTES))
            .reservedConcurrentExecutions(INGEST_CONCURRENCY)
            .deadLetterQueue(deadLetters)
            .retryAttempts(2)
            .environment(
                Map.of(
                    "GAPMAP_TABLE",
                    table.getTableName(),
                    "GAPMAP_SHARD_THRESHOLD_BYTES",
                    Long.toString(SHARD_THRESHOLD_BYTES)))
            .build();
    fn.addToRolePolicy(
        allow(List.of("s3:GetObject"), List.of(uploads.arnForObjects(UPLOADS_PREFIX + "*"))));
    fn.addToRolePolicy(
        allow(List.of("s3:PutObject"), List.of(uploads.arnForObjects(REPORTS_PREFIX + "*"))));
    fn.addToRolePolicy(allow(TABLE_WRITER_ACTIONS, tableAndIndexes()));
    Alias live = liveAlias("IngestLive", fn);
    uploads.addEventNotification(
        EventType.OBJECT_CREATED,
        new LambdaDestination(live),
        NotificationKeyFilter.builder().prefix(UPLOADS_PREFIX).build());
    return fn;
  }

  /**
   * Objects of {@link #SHARD_THRESHOLD_BYTES} or more under uploads/ start the sharded ingest (the
   * ingest function leaves them alone); S3 sends its events to EventBridge for this rule.
   */
  private void routeLargeUploads(IStateMachine machine) {
    Rule.Builder.create(this, "LargeUploads")
        .description("uploads too big for one function go to the sharded ingest state machine")
        .eventPattern(
            EventPattern.builder()
                .source(List.of("aws.s3"))
                .detailType(List.of("Object Created"))
                .detail(
                    Map.of(
                        "bucket",
                        Map.of("name", List.of(uploads.getBucketName())),
                        "object",
                        Map.of(
                            "key",
                            List.of(Map.of("prefix", UPLOADS_PREFIX)),
                            "size",
                            List.of(Map.of("numeric", List.of(">=", SHARD_THRESHOLD_BYTES))))))
                .build())
        .targets(
            List.of(
                SfnStateMachine.Builder.create(machine)
                    .input(
                        RuleTargetInput.fromObject(
                            Map.of(
                                "bucket",
                                EventField.fromPath("$.detail.bucket.name"),
                                "key",
                                EventField.fromPath("$.detail.object.key"),
                                "shards",
                                DEFAULT_SHARDS)))
                    .build()))
        .build();
  }

  /**
   * Reads one shard of an upload: the upload, the region from the table; writes only work/. Its
   * slice of the upload is staged in /tmp, hence 10 GiB of ephemeral storage, which SnapStart does
   * not support: shards start cold (seconds, against minutes of work).
   */
  private Function shardFunction(GapmapStackProps props) {
    Function fn =
        javaFunction("Shard", props.ingestCode(), SHARD_HANDLER, SHARD_MEMORY_MB)
            .snapStart(null)
            .timeout(Duration.minutes(INGEST_TIMEOUT_MINUTES))
            .ephemeralStorageSize(software.amazon.awscdk.Size.gibibytes(SHARD_EPHEMERAL_GIB))
            .environment(Map.of("GAPMAP_TABLE", table.getTableName()))
            .build();
    allowPartialWriting(fn);
    return fn;
  }

  /**
   * What a function that turns uploads into partials may do: read uploads/, read the region from
   * the table, and write only work/.
   */
  private void allowPartialWriting(Function fn) {
    fn.addToRolePolicy(
        allow(List.of("s3:GetObject"), List.of(uploads.arnForObjects(UPLOADS_PREFIX + "*"))));
    fn.addToRolePolicy(
        allow(List.of("s3:PutObject"), List.of(uploads.arnForObjects(WORK_PREFIX + "*"))));
    fn.addToRolePolicy(
        allow(
            List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"),
            tableAndIndexes()));
  }

  /**
   * Reads one batch of an upload's rows handed out by the state machine's CSV item reader: the
   * upload's header and metadata, the region from the table; writes only work/. A batch is at most
   * 192 KiB and seconds of work, so it needs no large /tmp and keeps SnapStart.
   */
  private Function rowsFunction(GapmapStackProps props) {
    Function fn =
        javaFunction("Rows", props.ingestCode(), ROWS_HANDLER, ROWS_MEMORY_MB)
            .timeout(Duration.minutes(IngestStateMachine.ROWS_TIMEOUT_MINUTES))
            .environment(Map.of("GAPMAP_TABLE", table.getTableName()))
            .build();
    allowPartialWriting(fn);
    return fn;
  }

  /**
   * Merges the partials, stores, scores and publishes: the ingest function's rights on work/, and
   * listing work/ (the partials of row batches are found by listing).
   */
  private Function mergeFunction(GapmapStackProps props) {
    Function fn =
        javaFunction("Merge", props.ingestCode(), MERGE_HANDLER, MERGE_MEMORY_MB)
            .timeout(Duration.minutes(INGEST_TIMEOUT_MINUTES))
            .environment(Map.of("GAPMAP_TABLE", table.getTableName()))
            .build();
    fn.addToRolePolicy(
        allow(
            List.of("s3:GetObject"),
            List.of(
                uploads.arnForObjects(UPLOADS_PREFIX + "*"),
                uploads.arnForObjects(WORK_PREFIX + "*"))));
    fn.addToRolePolicy(
        allow(List.of("s3:PutObject"), List.of(uploads.arnForObjects(REPORTS_PREFIX + "*"))));
    fn.addToRolePolicy(
        PolicyStatement.Builder.create()
            .effect(Effect.ALLOW)
            .actions(List.of("s3:ListBucket"))
            .resources(List.of(uploads.getBucketArn()))
            .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(WORK_PREFIX + "*"))))
            .build());
    fn.addToRolePolicy(allow(TABLE_WRITER_ACTIONS, tableAndIndexes()));
    return fn;
  }

  private Function apiFunction(GapmapStackProps props) {
    Function fn =
        javaFunction("Api", props.apiCode(), props.apiHandler(), API_MEMORY_MB)
            .timeout(Duration.seconds(29))
            .environment(Map.of("GAPMAP_TABLE", table.getTableName()))
            .build();
    fn.addToRolePolicy(
        allow(
            List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"),
            tableAndIndexes()));
    return fn;
  }

  private Function.Builder javaFunction(String name, Code code, String handler, int memoryMb) {
    LogGroup logs =
        LogGroup.Builder.create(this, name + "Logs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    return Function.Builder.create(this, name + "Function")
        .runtime(Runtime.JAVA_21)
        .architecture(Architecture.X86_64)
        .handler(handler)
        .code(code)
        .memorySize(memoryMb)
        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
        .logGroup(logs);
  }

  private Alias liveAlias(String id, Function fn) {
    return Alias.Builder.create(this, id).aliasName("live").version(fn.getCurrentVersion()).build();
  }

  private HttpApi httpApi(Function fn) {
    HttpApi http =
        HttpApi.Builder.create(this, "HttpApi")
            .apiName("gapmap")
            .description("gapmap: OGC API - Features and the gap-score map, read-only")
            .createDefaultStage(false)
            .corsPreflight(
                CorsPreflightOptions.builder()
                    .allowOrigins(List.of("*"))
                    .allowMethods(
                        List.of(CorsHttpMethod.GET, CorsHttpMethod.HEAD, CorsHttpMethod.OPTIONS))
                    .allowHeaders(List.of("Accept", "Accept-Encoding", "If-None-Match"))
                    .exposeHeaders(List.of("ETag", "Last-Modified", "Link"))
                    .maxAge(Duration.hours(1))
                    .build())
            .build();
    HttpLambdaIntegration integration =
        new HttpLambdaIntegration(
            "ApiIntegration",
            liveAlias("ApiLive", fn),
            HttpLambdaIntegrationProps.builder()
                .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0)
                .build());
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
      http.addRoutes(
          software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions.builder()
              .path("/{proxy+}")
              .methods(List.of(method))
              .integration(integration)
              .build());
      http.addRoutes(
          software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions.builder()
              .path("/")
              .methods(List.of(method))
              .integration(integration)
              .build());
    }
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "ApiAccessLogs")
            .retention(RetentionDays.THREE_MONTHS)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    HttpStage.Builder.create(this, "DefaultStage")
        .httpApi(http)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(
            ThrottleSettings.builder()
                .rateLimit(API_RATE_LIMIT)
                .burstLimit(API_BURST_LIMIT)
                .build())
        .accessLogSettings(
            new IAccessLogSettings() {
              @Override
              public IAccessLogDestination getDestination() {
                return new LogGroupLogDestination(accessLogs);
              }

              @Override
              public AccessLogFormat getFormat() {
                return AccessLogFormat.jsonWithStandardFields();
              }
            })
        .build();
    return http;
  }

  private List<String> tableAndIndexes() {
    return List.of(table.getTableArn(), table.getTableArn() + "/index/" + TableDesign.RANK_INDEX);
  }

  private static Attribute attribute(String name, AttributeType type) {
    return Attribute.builder().name(name).type(type).build();
  }

  private static PolicyStatement allow(List<String> actions, List<String> resources) {
    return PolicyStatement.Builder.create()
        .effect(Effect.ALLOW)
        .actions(actions)
        .resources(resources)
        .build();
  }

  public Bucket uploads() {
    return uploads;
  }

  public Table table() {
    return table;
  }

  public HttpApi httpApi() {
    return httpApi;
  }
}
