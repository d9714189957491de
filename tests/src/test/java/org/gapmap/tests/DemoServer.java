package org.gapmap.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code gapmap serve} of the packaged jar on a fresh data directory, seeded with the New York
 * City demo region, shared by the client tests of this JVM and stopped when it exits. Thread-safe.
 */
final class DemoServer {
  /** The demo region's collection id. */
  static final String REGION = "nyc-nta2010";

  /** Its number of neighborhoods. */
  static final int FEATURES = 195;

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static ServedJar server;

  private DemoServer() {}

  /** The server's base URL, without a trailing slash; starts the server on first use. */
  static synchronized String base() {
    if (server == null) {
      try {
        Path work = Files.createTempDirectory("gapmap-demo-server");
        server = ServedJar.start(ServedJar.jar(), work.resolve("data"), work.resolve("serve.log"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start gapmap serve", e);
      }
      ServedJar started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "demo-server-stop"));
    }
    return "http://localhost:" + server.port();
  }

  /** The body of {@code GET pathOrUrl}, which must answer 200. */
  static byte[] get(String pathOrUrl) {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl);
    try {
      HttpResponse<byte[]> response =
          HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new AssertionError(uri + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
