package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validators from npm ({@code tests/clients}, installed by {@code npm ci --prefix tests/clients})
 * on what {@code gapmap serve} answers: {@code @mapbox/geojsonhint} on items responses (RFC 7946,
 * right-hand rule included) and Redocly's OpenAPI linter on {@code /api}.
 */
class NpmValidatorsIT {
  private static final Path CLIENTS = Path.of(System.getProperty("gapmap.clients", "clients"));
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @TempDir Path work;

  @BeforeAll
  static void tools() {
    ExternalTool.require("node", "Node.js");
    ExternalTool.require(
        CLIENTS.resolve("node_modules/.bin/geojsonhint").toString(),
        "npm ci --prefix tests/clients");
  }

  @Test
  void itemsResponsesAreValidGeoJson() throws Exception {
    String items = "/collections/" + DemoServer.REGION + "/items";
    List<String> responses =
        List.of(
            items + "?limit=10000",
            items + "?limit=7&offset=14&sortby=-gap_score",
            items + "?bbox=-74.0,40.70,-73.95,40.75&properties=name,gap_score",
            items + "?skipGeometry=true&limit=20",
            items + "?borough=Bronx&rank_max=50",
            items + "/BK72",
            "/collections/" + DemoServer.REGION + "/download?f=geojson");
    for (String path : responses) {
      Path file = work.resolve("response.geojson");
      Files.write(file, DemoServer.get(path));
      ExternalTool.Run hint =
          ExternalTool.run(
              work,
              TIMEOUT,
              Map.of(),
              List.of(
                  CLIENTS.resolve("node_modules/.bin/geojsonhint").toAbsolutePath().toString(),
                  file.toString()));
      assertThat(hint.exitCode()).as(path + ":\n" + hint.output()).isZero();
      assertThat(hint.output()).as(path).doesNotContain("warning").doesNotContain("error");
    }
  }

  @Test
  void apiDefinitionPassesTheOpenApiLinter() throws Exception {
    Path redocly =
        ExternalTool.require(
            CLIENTS.resolve("node_modules/.bin/redocly").toString(),
            "npm ci --prefix tests/clients");
    Path api = work.resolve("api.json");
    Files.write(api, DemoServer.get("/api"));

    ExternalTool.Run lint =
        ExternalTool.run(
            work,
            TIMEOUT,
            Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
            List.of(
                redocly.toAbsolutePath().toString(),
                "lint",
                "--config",
                CLIENTS.resolve("redocly.yaml").toAbsolutePath().toString(),
                api.toString()));

    assertThat(lint.exitCode()).as(lint.output()).isZero();
    assertThat(lint.output())
        .contains("Your API description is valid")
        .doesNotContainPattern("You have \\d+ warning");
  }
}
