package org.gapmap.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.gapmap.api.GapmapServer;
import org.gapmap.api.UploadLimits;
import org.gapmap.api.WriteAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gapmap serve}: the API and map on localhost, on the embedded store (or a DynamoDB table),
 * with the NYC demo region.
 */
@Command(
    name = "serve",
    description = {
      "Start the API and the map on http://localhost:PORT, on the embedded store or DynamoDB.",
      "On a data directory without it, the New York City demo region nyc-nta2010 is seeded first."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption data;
  @Mixin StoreOptions store;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "TCP port on localhost (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--no-demo", description = "Do not seed the New York City demo region.")
  boolean noDemo;

  @Option(
      names = "--write-token",
      paramLabel = "TOKEN",
      description = {
        "Accept uploads (POST /regions/{regionId}/uploads) with 'Authorization: Bearer TOKEN'",
        "(at least 16 characters; default: $GAPMAP_WRITE_TOKEN; without either, writes are disabled)."
      })
  String writeToken;

  private final Console console;
  private final CountDownLatch stopped = new CountDownLatch(1);

  ServeCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0-65535, found " + port);
    }
    LocalRuntime runtime = LocalRuntime.open(data.dataDir, store);
    if (!noDemo) {
      DemoRegion.seedIfAbsent(runtime, console);
    }
    WriteAccess access = writeAccess();
    GapmapServer server = GapmapServer.start(runtime.store(), port, access, UploadLimits.DEFAULT);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  runtime.close();
                  stopped.countDown();
                },
                "gapmap-shutdown"));
    console.result(
        "gapmap is serving "
            + server.uri()
            + " ("
            + runtime.description()
            + (access.enabled() ? "; uploads need the write token" : "; uploads disabled")
            + "); Ctrl-C stops it");
    stopped.await();
    return ExitCodes.OK;
  }

  private WriteAccess writeAccess() {
    String token = writeToken != null ? writeToken : System.getenv("GAPMAP_WRITE_TOKEN");
    return token == null || token.isEmpty() ? WriteAccess.disabled() : WriteAccess.withToken(token);
  }
}
