package org.gapmap.core.ingest;

import org.gapmap.core.aggregate.PartialAggregate;
import org.gapmap.core.input.InputSource;

/**
 * A reader whose work splits into shards: {@link #shard} reads one slice of an upload into a {@link
 * PartialAggregate}, {@link #finish} turns the merge of all slices' partials into the indicators
 * and report. {@link #read} is {@code finish(shard(whole file))}, so the sharded and unsharded
 * paths share every line that computes a number. Implementations are stateless and thread-safe.
 */
public interface ShardableReader extends UploadReader {
  /** How a split must route rows so that the rows this reader combines meet in one shard. */
  ShardKey shardKey(UploadOptions options);

  /**
   * Whether {@code input} splits into slices at all; one that does not (GeoJSON points or tiles) is
   * read whole by {@link ShardedRead}. True by default.
   */
  default boolean splits(InputSource input) {
    return true;
  }

  /** Reads one slice (a CSV with the upload's header) into a partial; an empty slice is fine. */
  PartialAggregate shard(InputSource slice, RegionContext region, UploadOptions options);

  /**
   * The indicators and report of the merged partials of every slice of {@code sourceName}.
   *
   * @throws org.gapmap.core.input.InputRejectedException for input that only the whole shows as bad
   *     (no rows at all, latitude and longitude swapped)
   */
  ReadResult finish(
      String sourceName, PartialAggregate merged, RegionContext region, UploadOptions options);

  @Override
  default ReadResult read(InputSource input, RegionContext region, UploadOptions options) {
    return finish(input.name(), shard(input, region, options), region, options);
  }
}
