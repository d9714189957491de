package org.gapmap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gapmap.core.ingest.BdcFixedReader;
import org.gapmap.core.ingest.ReadResult;
import org.gapmap.core.ingest.RegionContext;
import org.gapmap.core.ingest.ShardedRead;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.Crosswalk;

/**
 * Benchmark (#9): a generated FCC BDC fixed availability CSV of about {@code rows} rows, ingested
 * into the NYC NTA 2020 region with 1, 2 and 4 shards (threads) and unsharded: rows/s, the time of
 * each phase (split, shards, merge) and the peak heap; exits non-zero if any sharded result differs
 * from the unsharded one.
 *
 * <p>{@code java -cp ... org.gapmap.bench.ShardScaling [rows] [shard counts...]}
 */
public final class ShardScaling {
  private static final long BYTES_PER_ROW = 102; // of BdcData's rows, measured

  private ShardScaling() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
    int[] counts = {1, 2, 4};
    if (args.length > 1) {
      counts = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        counts[i - 1] = Integer.parseInt(args[i]);
      }
    }
    Path dir = Files.createTempDirectory("gapmap-shards");
    Path file = dir.resolve("bdc_fixed_generated.csv");
    try {
      Crosswalk crosswalk = NycRegions.tracts();
      long t0 = System.nanoTime();
      long written =
          BdcData.write(file, rows * BYTES_PER_ROW, List.copyOf(crosswalk.mapping().keySet()), 7L);
      System.out.printf(
          Locale.ROOT,
          "generated %,d rows, %,d bytes in %.1f s%n",
          written,
          Files.size(file),
          (System.nanoTime() - t0) / 1e9);
      RegionContext region =
          new RegionContext(NycRegions.NTA2020, NycRegions.nta2020(), List.of(crosswalk));
      InputSource input = InputSource.of(file);
      BdcFixedReader reader = new BdcFixedReader();

      HeapWatch heap = HeapWatch.start();
      long start = System.nanoTime();
      ReadResult whole = reader.read(input, region, UploadOptions.defaults());
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] peak = heap.stop();
      System.out.printf(
          Locale.ROOT,
          "unsharded: %.1f s, %,.0f rows/s, peak heap %d MB%n",
          seconds,
          written / seconds,
          peak[0] >> 20);
      boolean same = true;
      for (int shards : counts) {
        System.gc();
        heap = HeapWatch.start();
        start = System.nanoTime();
        ShardedRead.Outcome o =
            new ShardedRead(dir).readTimed(reader, input, region, UploadOptions.defaults(), shards);
        seconds = (System.nanoTime() - start) / 1e9;
        peak = heap.stop();
        double shardSeconds = o.shardMillis() / 1e3;
        System.out.printf(
            Locale.ROOT,
            "--shards %d: %.1f s total (split %.1f s, shards %.1f s, merge %d ms), %,.0f rows/s"
                + " overall, %,.0f rows/s per shard in the shard phase, peak heap %d MB"
                + " (%d MB per shard)%n",
            shards,
            seconds,
            o.splitMillis() / 1e3,
            shardSeconds,
            o.mergeMillis(),
            written / seconds,
            written / (double) shards / shardSeconds,
            peak[0] >> 20,
            (peak[0] >> 20) / shards);
        if (!o.result().indicators().equals(whole.indicators())) {
          System.out.println("  DIFFERS from the unsharded read");
          same = false;
        }
      }
      if (!same) {
        System.exit(1);
      }
      System.out.println("every sharded result equals the unsharded one");
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
