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
    assertThat(ours).hasSize(2);
    for (JsonNode f : ours) {
      assertThat(f.at("/Properties/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
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
        List.of(GapmapStackProps.DEFAULT_API_HANDLER, GapmapStackProps.DEFAULT_INGEST_HANDLER)) {
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
