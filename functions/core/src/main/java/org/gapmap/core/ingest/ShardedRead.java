package org.gapmap.core.ingest;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.input.CsvScanner;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;

/**
 * Reads a CSV upload in {@code N} shards on {@code N} threads through the same shard and merge code
 * a cloud run uses: one pass splits the file at row boundaries into {@code N} temporary CSV files
 * (each with the header), routing every row by a hash of the reader's {@link
 * ShardableReader#shardKey shard key} (the location id for {@code bdc-fixed}, the cell for {@code
 * mobile-h3}, the quadkey for {@code tiles}) or of the whole record, so rows that must meet do;
 * each shard reads its file into a {@link PartialAggregate}, which is serialized and read back (the
 * bytes a shard function would store); the partials merge in shard order and the reader finishes
 * them. The result is the unsharded read's, bit for bit.
 *
 * <p>An input the reader cannot split ({@link ShardableReader#splits}) is read whole. Errors in a
 * shard name the file as {@code <name> (shard k of N)} and the line within that shard's slice.
 * Temporary files are deleted. Stateless; each call is independent and thread-safe.
 */
public final class ShardedRead {
  /**
   * A sharded read's result and where its time went.
   *
   * @param result what the reader made of the whole upload
   * @param splitMillis splitting the file into slices
   * @param shardMillis reading the slices in parallel, partials serialized and read back
   * @param mergeMillis merging the partials and finishing the indicators
   */
  public record Outcome(ReadResult result, long splitMillis, long shardMillis, long mergeMillis) {}

  private final Path tempDir;
  private final Clock clock;

  /**
   * @param tempDir where slices are written
   */
  public ShardedRead(Path tempDir) {
    this(tempDir, Clock.systemUTC());
  }

  /**
   * @param tempDir where slices are written
   * @param clock times the phases of {@link #readTimed}
   */
  public ShardedRead(Path tempDir, Clock clock) {
    this.tempDir = tempDir;
    this.clock = clock;
  }

  /** Reads {@code input} in {@code shards} shards. */
  public ReadResult read(
      ShardableReader reader,
      InputSource input,
      RegionContext region,
      UploadOptions options,
      int shards) {
    return readTimed(reader, input, region, options, shards).result();
  }

  /** Reads {@code input} in {@code shards} shards, timing each phase. */
  public Outcome readTimed(
      ShardableReader reader,
      InputSource input,
      RegionContext region,
      UploadOptions options,
      int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("--shards must be 1 or more, found " + shards);
    }
    if (!reader.splits(input)) {
      long start = clock.millis();
      ReadResult whole = reader.read(input, region, options);
      return new Outcome(whole, 0, clock.millis() - start, 0);
    }
    List<Path> slices = new ArrayList<>();
    try {
      long start = clock.millis();
      split(input, reader.shardKey(options), shards, -1, slices);
      long split = clock.millis();
      List<PartialAggregate> partials = runShards(reader, input.name(), slices, region, options);
      long read = clock.millis();
      PartialAggregate merged = partials.get(0);
      for (int k = 1; k < partials.size(); k++) {
        merged.merge(partials.get(k));
      }
      ReadResult result = reader.finish(input.name(), merged, region, options);
      long end = clock.millis();
      return new Outcome(result, split - start, read - split, end - read);
    } catch (IOException e) {
      throw new UncheckedIOException("sharding " + input.name() + ": " + e.getMessage(), e);
    } finally {
      delete(slices);
    }
  }

  /**
   * Reads only shard {@code shard} of {@code shards} of {@code input}: the rows a {@code
   * shards}-way split routes to it, as {@link #read} would. Independent runs for every shard of the
   * same input merge into the whole result; this is the step one shard function runs.
   *
   * @throws InputRejectedException if the input does not split (a GeoJSON file): it has no rows to
   *     share out, so it must be read whole
   */
  public PartialAggregate shardOf(
      ShardableReader reader,
      InputSource input,
      RegionContext region,
      UploadOptions options,
      int shard,
      int shards) {
    if (shard < 0 || shard >= shards) {
      throw new IllegalArgumentException("shard " + shard + " of " + shards);
    }
    if (!reader.splits(input)) {
      throw new InputRejectedException(
          input.name(),
          null,
          null,
          "a GeoJSON file has no rows to share out among shards; ingest it in one piece");
    }
    List<Path> slices = new ArrayList<>();
    try {
      split(input, reader.shardKey(options), shards, shard, slices);
      Path slice = slices.get(0);
      return reader.shard(
          new InputSource(
              input.name() + " (shard " + (shard + 1) + " of " + shards + ")",
              () -> Files.newInputStream(slice),
              Files.size(slice)),
          region,
          options);
    } catch (IOException e) {
      throw new UncheckedIOException("sharding " + input.name() + ": " + e.getMessage(), e);
    } finally {
      delete(slices);
    }
  }

  private static void delete(List<Path> slices) {
    for (Path slice : slices) {
      try {
        Files.deleteIfExists(slice);
      } catch (IOException e) {
        // a slice we cannot delete is left in the temporary directory; the read stands
        System.err.println("cannot delete " + slice + ": " + e);
      }
    }
  }

  /** Splits into {@code shards} slices, or only the slice of {@code only} when it is 0 or more. */
  private void split(InputSource input, ShardKey shardKey, int shards, int only, List<Path> slices)
      throws IOException {
    OutputStream[] outs = new OutputStream[shards];
    try (CsvScanner csv = CsvScanner.open(input)) {
      int key = shardKey.locate(csv);
      for (int k = 0; k < shards; k++) {
        if (only >= 0 && k != only) {
          continue;
        }
        Path slice = Files.createTempFile(tempDir, "gapmap-shard-" + k + "-", ".csv");
        slices.add(slice);
        outs[k] = new BufferedOutputStream(Files.newOutputStream(slice), 1 << 16);
        csv.copyHeader(outs[k]);
      }
      while (csv.next()) {
        long h = shardKey.route(csv, key);
        OutputStream out = outs[(int) Long.remainderUnsigned(h, shards)];
        if (out != null) {
          csv.copyRecord(out);
        }
      }
    } finally {
      IOException failure = null;
      for (OutputStream out : outs) {
        if (out != null) {
          try {
            out.close();
          } catch (IOException e) {
            failure = e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  private static List<PartialAggregate> runShards(
      ShardableReader reader,
      String name,
      List<Path> slices,
      RegionContext region,
      UploadOptions options)
      throws IOException {
    int n = slices.size();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        Path slice = slices.get(k);
        InputSource source =
            new InputSource(
                name + " (shard " + (k + 1) + " of " + n + ")",
                () -> Files.newInputStream(slice),
                Files.size(slice));
        futures.add(
            pool.submit(
                () -> {
                  ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                  reader.shard(source, region, options).writeTo(bytes);
                  return bytes.toByteArray();
                }));
      }
      List<PartialAggregate> partials = new ArrayList<>();
      for (Future<byte[]> f : futures) {
        partials.add(PartialAggregate.readFrom(new ByteArrayInputStream(join(f))));
      }
      return partials;
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] join(Future<byte[]> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a shard", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a shard failed: " + cause, cause);
    }
  }
}
