package org.gapmap.store.dynamodb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.gapmap.store.dynamodb.DynamoDbClients;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A dynalite server (a DynamoDB API on an in-memory LevelDB) in a child process on a free loopback
 * port, installed at the repository root by {@code npm ci}. Close it to stop it. Thread-safe.
 */
public final class Dynalite implements AutoCloseable {
  private static final AtomicInteger TABLES = new AtomicInteger();

  private final Process process;
  private final URI endpoint;

  private Dynalite(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Starts dynalite and waits until it listens.
   *
   * @throws IllegalStateException with what to do if Node or dynalite is missing
   */
  public static Dynalite start() {
    Path cli = findCli();
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    "node",
                    cli.toString(),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--createTableMs",
                    "20",
                    "--deleteTableMs",
                    "20",
                    "--updateTableMs",
                    "20"))
            .redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run 'node' to start dynalite; install Node.js 20 and run 'npm ci' at the"
              + " repository root",
          e);
    }
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.contains("listening")) {
                    listening.complete(null);
                  } else if (!listening.isDone()) {
                    System.err.println("dynalite: " + line);
                  }
                }
                listening.completeExceptionally(
                    new IllegalStateException("dynalite exited with " + process.waitFor()));
              } catch (IOException e) {
                listening.completeExceptionally(new UncheckedIOException(e));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                listening.completeExceptionally(e);
              }
            },
            "dynalite-output");
    pump.setDaemon(true);
    pump.start();
    try {
      listening.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("dynalite did not start on port " + port, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting dynalite", e);
    }
    return new Dynalite(process, URI.create("http://127.0.0.1:" + port));
  }

  /** Where the server listens, such as {@code http://127.0.0.1:43121}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A new client for this server; the caller closes it. */
  public DynamoDbClient client(ExecutionInterceptor... interceptors) {
    return DynamoDbClients.create(endpoint, null, interceptors);
  }

  /** A table name no other test of this JVM uses. */
  public static String uniqueTableName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + TABLES.incrementAndGet();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Path findCli() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("package-lock.json"))
          && Files.isRegularFile(dir.resolve("mvnw"))) {
        Path cli = dir.resolve("node_modules").resolve("dynalite").resolve("cli.js");
        if (!Files.isRegularFile(cli)) {
          throw new IllegalStateException(
              "dynalite is not installed: run 'npm ci' in " + dir + " (needs Node.js 20)");
        }
        return cli;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "cannot find the repository root (package-lock.json) above "
            + Path.of("").toAbsolutePath());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
