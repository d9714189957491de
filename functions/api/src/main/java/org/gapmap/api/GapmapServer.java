package org.gapmap.api;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.gapmap.core.store.ScoreStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running API server: an HTTP server serving the OGC API - Features and the map page over a
 * {@link ScoreStore}.
 *
 * <p>Start one with {@link #start(ScoreStore, int)} and close it when done. Closing stops the
 * server but leaves the store open: the caller owns it. Thread-safe; {@link #close()} may be called
 * more than once.
 */
public final class GapmapServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GapmapServer.class);

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private GapmapServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /**
   * Starts a server on {@code port} of every local interface, reading from {@code store}.
   *
   * @param store where regions, runs and scores are read; it must stay open while the server runs
   * @param port TCP port, or 0 for a free port chosen by the system
   * @return the started server
   * @throws IllegalArgumentException if {@code port} is not 0 to 65535
   */
  public static GapmapServer start(ScoreStore store, int port) {
    return start(store, port, WriteAccess.disabled(), UploadLimits.DEFAULT);
  }

  /**
   * Starts a server as {@link #start(ScoreStore, int)} does, that also accepts uploads ({@code POST
   * /regions/{regionId}/uploads}) from holders of the write token of {@code access}, within {@code
   * limits}.
   *
   * @param access who may upload; {@link WriteAccess#disabled()} refuses every upload
   * @param limits body and decompressed size limits of uploads
   */
  public static GapmapServer start(
      ScoreStore store, int port, WriteAccess access, UploadLimits limits) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    ApplicationContext context =
        ApplicationContext.builder()
            .deduceEnvironment(false)
            // -1 asks the server for a random free port.
            .properties(
                Map.of(
                    "micronaut.server.port",
                    port == 0 ? -1 : port,
                    "micronaut.server.max-request-size",
                    limits.maxBodyBytes()))
            .singletons(store, access, limits)
            .start();
    try {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      GapmapServer started = new GapmapServer(context, server);
      LOG.info("gapmap API listening on {}", started.uri());
      return started;
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** Base URL of the server, such as {@code http://localhost:8080}. */
  public URI uri() {
    return server.getURI();
  }

  /** The TCP port the server listens on. */
  /** The server's bean of {@code type}, for tests of this package. */
  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return server.getPort();
  }

  /** Stops the server. The store is not closed. */
  @Override
  public synchronized void close() {
    if (server.isRunning()) {
      server.stop();
    }
    if (context.isRunning()) {
      context.close();
    }
  }
}
