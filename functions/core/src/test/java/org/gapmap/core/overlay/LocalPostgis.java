package org.gapmap.core.overlay;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL + PostGIS server for comparison tests: a cluster in a temporary
 * directory, listening only on a Unix socket there (and a free port number), stopped and deleted on
 * {@link #close()}. Found from the Debian layout ({@code /usr/lib/postgresql/N/bin}); when PostGIS
 * is not installed, {@link #start()} is empty and callers skip. As root, the server runs as the
 * {@code postgres} user. Not thread-safe.
 */
public final class LocalPostgis implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private LocalPostgis(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** A running server with the postgis extension created, or empty when none can be started. */
  public static Optional<LocalPostgis> start() throws IOException, InterruptedException {
    Optional<Path> bin = findBin();
    if (bin.isEmpty()) {
      return Optional.empty();
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("gapmap-postgis");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path data = dir.resolve("data");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    LocalPostgis pg = new LocalPostgis(bin.get(), dir, port, root);
    pg.run(
        List.of(
            bin.get().resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8"));
    pg.run(
        List.of(
            bin.get().resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-w",
            "-l",
            dir.resolve("log").toString(),
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=''",
            "start"));
    pg.sql("CREATE EXTENSION postgis;");
    return Optional.of(pg);
  }

  private static Optional<Path> findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .sorted(Comparator.reverseOrder())
          .filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
          .filter(
              v ->
                  Files.exists(
                      Path.of(
                          "/usr/share/postgresql",
                          v.getFileName().toString(),
                          "extension/postgis.control")))
          .map(v -> v.resolve("bin"))
          .findFirst();
    }
  }

  /** A directory the server's user can read, for data files to {@code COPY} from. */
  public Path workDirectory() {
    return dir;
  }

  /** Runs {@code script} with psql and returns its unaligned, tuples-only output lines. */
  public List<String> sql(String script) throws IOException, InterruptedException {
    Path file = dir.resolve("script-" + System.nanoTime() + ".sql");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    try {
      return run(
          List.of(
              bin.resolve("psql").toString(),
              "-h",
              dir.toString(),
              "-p",
              Integer.toString(port),
              "-U",
              "postgres",
              "-X",
              "-q",
              "-A",
              "-t",
              "-v",
              "ON_ERROR_STOP=1",
              "-f",
              file.toString()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private List<String> run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    // Standard error apart: a notice or warning must not become a line of the query's results.
    Path err = Files.createTempFile("gapmap-postgis-stderr-", ".txt");
    try {
      Process p = new ProcessBuilder(full).redirectError(err.toFile()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command.subList(0, 1))
                + " failed: "
                + out
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      return out.lines().filter(l -> !l.isBlank()).toList();
    } finally {
      Files.deleteIfExists(err);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      run(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "fast",
              "-w",
              "stop"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping PostgreSQL", e);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }
}
