package org.gapmap.store.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to one SQLite file in WAL mode: a single writer connection, used under a lock, and a
 * small pool of query-only reader connections, so reads never wait for a write of this process.
 *
 * <p>Writes run in {@code BEGIN IMMEDIATE} transactions: the file's write lock is taken up front,
 * and other processes wait for it for up to {@link #BUSY_TIMEOUT_MILLIS}. Readers see the last
 * committed state of any process.
 *
 * <p>Thread-safe: every connection is used by one thread at a time.
 */
final class SqliteDatabase implements AutoCloseable {
  /** How long an operation waits for a lock held by another connection or process. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private static final int MAX_IDLE_READERS = 8;
  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Path file;
  private final String url;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Connection writer;
  private final ArrayDeque<Connection> idleReaders = new ArrayDeque<>();
  private volatile boolean closed;

  private SqliteDatabase(Path file, Connection writer) {
    this.file = file;
    this.url = urlOf(file);
    this.writer = writer;
  }

  /**
   * Opens (creating if needed) the database file and brings its schema up to date. The parent
   * directory must exist.
   */
  static SqliteDatabase open(Path file) {
    Connection writer;
    try {
      writer = DriverManager.getConnection(urlOf(file));
    } catch (SQLException e) {
      throw new StoreException("could not open database " + file + ": " + e.getMessage(), e);
    }
    SqliteDatabase database = new SqliteDatabase(file, writer);
    try {
      database.configureWriter();
      database.update("migrate the schema", Schema::migrate);
    } catch (RuntimeException e) {
      closeAfterFailure(writer, e);
      throw e;
    }
    return database;
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} on a reader connection, outside any explicit transaction. */
  <T> T read(String what, SqlWork<T> work) {
    Connection connection = borrowReader();
    T result;
    try {
      result = work.run(connection);
    } catch (SQLException e) {
      StoreException failure = failure(what, e);
      closeAfterFailure(connection, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      closeAfterFailure(connection, e);
      throw e;
    }
    giveBack(connection);
    return result;
  }

  /**
   * Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws.
   * Exceptions thrown by {@code work} propagate unchanged; SQL errors become {@link
   * StoreException}.
   */
  <T> T write(String what, SqlWork<T> work) {
    writeLock.lock();
    try {
      ensureOpen();
      execute(writer, "BEGIN IMMEDIATE", what);
      T result;
      try {
        result = work.run(writer);
      } catch (SQLException e) {
        StoreException failure = failure(what, e);
        rollback(failure);
        throw failure;
      } catch (RuntimeException | Error e) {
        rollback(e);
        throw e;
      }
      try {
        execute(writer, "COMMIT", what);
      } catch (StoreException e) {
        rollback(e);
        throw e;
      }
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /** Like {@link #write}, for work without a result. */
  void update(String what, SqlAction action) {
    write(
        what,
        connection -> {
          action.run(connection);
          return null;
        });
  }

  /**
   * Closes all connections. Reader connections in use are closed when their read ends; a write in
   * progress finishes first.
   */
  @Override
  public void close() {
    List<Connection> toClose = new ArrayList<>();
    writeLock.lock();
    try {
      synchronized (idleReaders) {
        if (closed) {
          return;
        }
        closed = true;
        toClose.addAll(idleReaders);
        idleReaders.clear();
      }
      toClose.add(writer);
      StoreException failure = null;
      for (Connection connection : toClose) {
        try {
          connection.close();
        } catch (SQLException e) {
          if (failure == null) {
            failure = new StoreException("could not close database " + file, e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      writeLock.unlock();
    }
  }

  private void configureWriter() {
    try (Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        String actual = mode.next() ? mode.getString(1) : "";
        if (!"wal".equals(actual.toLowerCase(Locale.ROOT))) {
          throw new StoreException(
              "database "
                  + file
                  + " could not switch to WAL journal mode (it is in "
                  + actual
                  + ")");
        }
      }
      statement.execute("PRAGMA synchronous = NORMAL");
      statement.execute("PRAGMA foreign_keys = ON");
    } catch (SQLException e) {
      throw failure("configure the connection", e);
    }
  }

  private Connection borrowReader() {
    synchronized (idleReaders) {
      ensureOpen();
      Connection idle = idleReaders.pollFirst();
      if (idle != null) {
        return idle;
      }
    }
    return openReader();
  }

  private Connection openReader() {
    Connection connection;
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw failure("open a reader connection", e);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      statement.execute("PRAGMA query_only = ON");
    } catch (SQLException e) {
      StoreException failure = failure("configure a reader connection", e);
      closeAfterFailure(connection, failure);
      throw failure;
    }
    return connection;
  }

  private void giveBack(Connection connection) {
    synchronized (idleReaders) {
      if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
        idleReaders.addFirst(connection);
        return;
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // The read itself succeeded; a surplus connection that fails to close is only worth a
      // warning.
      LOG.warn("could not close a reader connection of {}", file, e);
    }
  }

  private void rollback(Throwable cause) {
    try (Statement statement = writer.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void execute(Connection connection, String sql, String what) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw failure(what + " (" + sql + ")", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("store on " + file + " is closed");
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException(
        "could not " + what + " in database " + file + ": " + e.getMessage(), e);
  }

  private static void closeAfterFailure(Connection connection, Throwable cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static String urlOf(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}
