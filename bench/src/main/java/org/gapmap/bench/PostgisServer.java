package org.gapmap.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throw-away PostGIS 15/3 server: {@code bench/postgis/postgis.sh} installs it with apt when
 * missing, runs initdb in a fresh temporary directory and starts it on a free local port; {@link
 * #close} stops it and deletes the directory. Statements run through {@code psql}, so results come
 * back as text exactly as PostgreSQL prints them (shortest round-trip representation of doubles).
 * Reusable by any benchmark or test that needs an independent answer from PostGIS.
 *
 * <p>Not thread-safe.
 */
public final class PostgisServer implements AutoCloseable {
  private final Path script;
  private final Path dir;
  private final int port;

  private PostgisServer(Path script, Path dir, int port) {
    this.script = script;
    this.dir = dir;
    this.port = port;
  }

  /** Installs (if needed) and starts a server; fails, never skips, when that is impossible. */
  public static PostgisServer start() {
    Path script = findScript();
    Path dir =
        Path.of(System.getProperty("java.io.tmpdir"))
            .resolve("gapmap-postgis-" + ProcessHandle.current().pid() + "-" + nonce());
    int port = freePort();
    run(List.of("bash", script.toString(), "start", dir.toString(), Integer.toString(port)));
    return new PostgisServer(script, dir, port);
  }

  private static String nonce() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
  }

  private static Path findScript() {
    for (String candidate :
        List.of("postgis/postgis.sh", "bench/postgis/postgis.sh", "../bench/postgis/postgis.sh")) {
      Path p = Path.of(candidate);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new IllegalStateException(
        "bench/postgis/postgis.sh not found from " + Path.of("").toAbsolutePath());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  public int port() {
    return port;
  }

  /** Runs SQL (one or more statements) and returns the rows, fields separated by commas. */
  public List<String> query(String sql) {
    return run(
        List.of(
            "psql",
            "-X",
            "-q",
            "-At",
            "-F",
            ",",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            sql));
  }

  /**
   * Runs a psql script (SQL and psql meta-commands such as {@code \copy}) in one session and
   * returns its output rows, fields separated by commas.
   */
  public List<String> script(String script) {
    try {
      Path file = Files.createTempFile("gapmap-psql-", ".sql");
      try {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return run(
            List.of(
                "psql",
                "-X",
                "-q",
                "-At",
                "-F",
                ",",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-f",
                file.toString()));
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A psql line printing {@code mark,<wall clock s>,<CPU s of this server backend>}: put it between
   * the steps of a {@link #script} to time them by wall clock and by the backend's own CPU time
   * (user + system from the backend's {@code /proc/self/stat}), which is what one core spent
   * whatever else the machine was doing.
   */
  public static String mark(String mark) {
    return "SELECT '"
        + mark
        + "', extract(epoch FROM clock_timestamp()),"
        + " ((split_part(s, ' ', 12))::bigint + (split_part(s, ' ', 13))::bigint) / 100.0"
        + " FROM (SELECT split_part(pg_read_file('/proc/self/stat'), ') ', 2) AS s) AS stat;\n";
  }

  /** Loads a CSV file with a header row into {@code table} with COPY (psql's {@code \copy}). */
  public void copyCsv(String table, Path csv) {
    query(
        "\\copy " + table + " FROM '" + csv.toAbsolutePath() + "' WITH (FORMAT csv, HEADER true)");
  }

  private static List<String> run(List<String> command) {
    try {
      Path out = Files.createTempFile("gapmap-psql-", ".out");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int status = p.waitFor();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        if (status != 0) {
          throw new IllegalStateException(
              "command failed with status " + status + ": " + abbreviate(command));
        }
        return new ArrayList<>(lines);
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + abbreviate(command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + abbreviate(command), e);
    }
  }

  private static String abbreviate(List<String> command) {
    String s = String.join(" ", command);
    return s.length() > 300 ? s.substring(0, 300) + " ..." : s;
  }

  @Override
  public void close() {
    run(List.of("bash", script.toString(), "stop", dir.toString()));
  }
}
