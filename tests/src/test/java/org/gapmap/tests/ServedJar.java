package org.gapmap.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code gapmap serve} process of the packaged jar on a free loopback port, as {@code ./gapmap
 * serve} starts it. Closing it stops the process.
 *
 * @param process the running server
 * @param port its TCP port
 * @param logFile where its standard output and error go
 */
record ServedJar(Process process, int port, Path logFile) implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The packaged command-line jar the build made. */
  static Path jar() {
    return Path.of(System.getProperty("gapmap.jar"));
  }

  static ServedJar start(Path jar, Path data, Path log) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data-dir",
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ServedJar server = new ServedJar(p, port, log);
    server.awaitReady(Duration.ofSeconds(120));
    return server;
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  String log() throws IOException {
    return Files.readString(logFile, StandardCharsets.UTF_8);
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("gapmap serve exited " + process.exitValue() + ":\n" + log());
      }
      try {
        HttpResponse<Void> r =
            HTTP.send(
                HttpRequest.newBuilder(uri("/collections")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    close();
    throw new AssertionError("gapmap serve not ready within " + timeout + ":\n" + log());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
