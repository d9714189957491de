package org.gapmap.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app: {@code ./gapmap synth [--out DIR]} writes the CloudFormation template without AWS
 * credentials or network, and {@code cdk deploy --app "./gapmap synth-app"} deploys it. Function
 * code comes from the jars the build packages ({@code --ingest-jar}, {@code --api-jar} override the
 * defaults).
 */
public final class GapmapInfraApp {
  static final String DEFAULT_INGEST_JAR = "functions/ingest/target/gapmap-ingest-lambda.jar";
  static final String DEFAULT_API_JAR = "functions/api-lambda/target/gapmap-api-lambda.jar";

  private GapmapInfraApp() {}

  public static void main(String[] args) {
    Path out = null;
    Path ingestJar = Path.of(DEFAULT_INGEST_JAR);
    Path apiJar = Path.of(DEFAULT_API_JAR);
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String flag = rest.remove(0);
      if (rest.isEmpty()) {
        usage("missing value after " + flag);
      }
      String value = rest.remove(0);
      switch (flag) {
        case "--out" -> out = Path.of(value);
        case "--ingest-jar" -> ingestJar = Path.of(value);
        case "--api-jar" -> apiJar = Path.of(value);
        default -> usage("unknown option " + flag);
      }
    }
    for (Path jar : List.of(ingestJar, apiJar)) {
      if (!Files.isRegularFile(jar)) {
        usage("function jar " + jar + " is missing: build it first (./gapmap synth builds it)");
      }
    }
    AppProps.Builder appProps = AppProps.builder();
    if (out != null) {
      appProps.outdir(out.toString());
    }
    App app = new App(appProps.build());
    GapmapStack stack =
        new GapmapStack(
            app,
            "Gapmap",
            new GapmapStackProps(
                Code.fromAsset(ingestJar.toString()),
                GapmapStackProps.DEFAULT_INGEST_HANDLER,
                Code.fromAsset(apiJar.toString()),
                GapmapStackProps.DEFAULT_API_HANDLER,
                StackProps.builder()
                    .env(
                        Environment.builder()
                            .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                            .region(System.getenv("CDK_DEFAULT_REGION"))
                            .build())
                    .description("gapmap: broadband and mobile gap scores, OGC API - Features")
                    .build()));
    Path dir = Path.of(app.synth().getDirectory());
    System.out.println("wrote " + dir.resolve(stack.getTemplateFile()));
  }

  private static void usage(String message) {
    System.err.println("gapmap synth: " + message);
    System.err.println("usage: gapmap synth [--out DIR] [--ingest-jar JAR] [--api-jar JAR]");
    System.exit(2);
  }
}
