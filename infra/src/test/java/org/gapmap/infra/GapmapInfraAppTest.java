package org.gapmap.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./gapmap synth --out DIR} runs: the app writes a deployable template offline. */
class GapmapInfraAppTest {
  @TempDir Path work;

  @Test
  void writesTheTemplateAndAssetsToTheOutputDirectory() throws IOException {
    Path out = work.resolve("cdk.out");
    GapmapInfraApp.main(
        new String[] {
          "--out", out.toString(),
          "--ingest-jar", jar("ingest.jar").toString(),
          "--api-jar", jar("api.jar").toString()
        });
    Path template = out.resolve("Gapmap.template.json");
    assertThat(template).exists();
    JsonNode resources = new ObjectMapper().readTree(template.toFile()).get("Resources");
    assertThat(resources.size()).isGreaterThan(20);
    assertThat(out.resolve("manifest.json")).exists();
    try (var assets = Files.list(out)) {
      assertThat(assets.filter(p -> p.getFileName().toString().startsWith("asset.")).count())
          .as("both function jars are staged as assets")
          .isEqualTo(2);
    }
  }

  private Path jar(String name) throws IOException {
    Path jar = work.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry(name + ".txt"));
      zip.write(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }
}
