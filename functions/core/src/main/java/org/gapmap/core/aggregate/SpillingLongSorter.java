package org.gapmap.core.aggregate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorts any number of {@code long} values in bounded memory: values fill an in-memory chunk; a full
 * chunk is sorted and written to a temporary file; reading merges the sorted runs. With fewer
 * values than one chunk nothing touches the disk. Temporary files are deleted by {@link #close}.
 *
 * <p>Mutable and not thread-safe.
 */
public final class SpillingLongSorter implements AutoCloseable {
  /** Receives sorted values. */
  @FunctionalInterface
  public interface Consumer {
    void accept(long value);
  }

  private final int chunkSize;
  private long[] chunk;
  private int size;
  private long total;
  private final List<Path> runs = new ArrayList<>();

  /**
   * @param chunkSize values kept in memory at once (8 bytes each)
   */
  public SpillingLongSorter(int chunkSize) {
    if (chunkSize < 2) {
      throw new IllegalArgumentException("chunk size must be at least 2: " + chunkSize);
    }
    this.chunkSize = chunkSize;
    this.chunk = new long[Math.min(chunkSize, 1 << 16)];
  }

  public void add(long value) {
    if (size == chunk.length) {
      if (size == chunkSize) {
        spill();
      } else {
        chunk = Arrays.copyOf(chunk, (int) Math.min(chunkSize, 2L * chunk.length));
      }
    }
    chunk[size++] = value;
    total++;
  }

  /** How many values were added. */
  public long count() {
    return total;
  }

  /** How many sorted runs were written to disk. */
  public int spilledRuns() {
    return runs.size();
  }

  private void spill() {
    Arrays.sort(chunk, 0, size);
    try {
      Path file = Files.createTempFile("gapmap-sort-", ".bin");
      runs.add(file);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
        for (int i = 0; i < size; i++) {
          out.writeLong(chunk[i]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary sort file", e);
    }
    size = 0;
  }

  /** Hands every value to {@code consumer} in ascending order. Call once, after the last add. */
  public void forEachSorted(Consumer consumer) {
    Arrays.sort(chunk, 0, size);
    if (runs.isEmpty()) {
      for (int i = 0; i < size; i++) {
        consumer.accept(chunk[i]);
      }
      return;
    }
    List<Run> sources = new ArrayList<>();
    try {
      for (Path file : runs) {
        sources.add(new FileRun(file));
      }
      sources.add(new MemoryRun(chunk, size));
      PriorityQueue<Run> queue = new PriorityQueue<>((a, b) -> Long.compare(a.head, b.head));
      for (Run r : sources) {
        if (r.advance()) {
          queue.add(r);
        }
      }
      while (!queue.isEmpty()) {
        Run r = queue.poll();
        consumer.accept(r.head);
        if (r.advance()) {
          queue.add(r);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a temporary sort file", e);
    } finally {
      closeAll(sources);
    }
  }

  private static void closeAll(List<Run> sources) {
    IOException failure = null;
    for (Run r : sources) {
      try {
        r.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot close a temporary sort file", failure);
    }
  }

  @Override
  public void close() {
    chunk = new long[0];
    size = 0;
    for (Path file : runs) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete temporary sort file " + file, e);
      }
    }
    runs.clear();
  }

  private abstract static class Run {
    long head;

    abstract boolean advance() throws IOException;

    void close() throws IOException {}
  }

  private static final class MemoryRun extends Run {
    private final long[] values;
    private final int size;
    private int next;

    MemoryRun(long[] values, int size) {
      this.values = values;
      this.size = size;
    }

    @Override
    boolean advance() {
      if (next == size) {
        return false;
      }
      head = values[next++];
      return true;
    }
  }

  private static final class FileRun extends Run {
    private final DataInputStream in;

    FileRun(Path file) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    @Override
    boolean advance() throws IOException {
      try {
        head = in.readLong();
        return true;
      } catch (EOFException e) {
        return false;
      }
    }

    @Override
    void close() throws IOException {
      in.close();
    }
  }
}
