package org.gapmap.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program the client tests run (GDAL, Node.js tools, Chromium). Where one is missing, a test is
 * skipped with the reason printed, except under CI ({@code CI=true}), where {@code .ci/run}
 * installs them and a missing one fails the test. Stateless.
 */
final class ExternalTool {
  private ExternalTool() {}

  /**
   * What a run printed and how it ended.
   *
   * @param exitCode the exit status
   * @param output standard output and error, interleaved
   */
  record Run(int exitCode, String output) {}

  /** The executable {@code path} (absolute, or a name looked up on PATH), or a skip or failure. */
  static Path require(String path, String installHint) {
    Path found = find(path);
    if (found == null) {
      String reason = path + " is not installed (" + installHint + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(reason + "; .ci/run installs it");
      }
      Assumptions.abort(reason + ": skipped");
    }
    return found;
  }

  private static Path find(String path) {
    if (path.contains("/")) {
      Path p = Path.of(path);
      return Files.isExecutable(p) ? p : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, path);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Runs {@code command} to its end (at most {@code timeout}) in {@code dir}. */
  static Run run(Path dir, Duration timeout, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("gapmap-tool", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      fail(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Run(process.exitValue(), output);
  }
}
