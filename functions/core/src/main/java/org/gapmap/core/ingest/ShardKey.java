package org.gapmap.core.ingest;

import com.carrotsearch.hppc.BitMixer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gapmap.core.input.CsvHeader;
import org.gapmap.core.input.CsvScanner;

/**
 * How a split of a CSV upload must route its rows so that the rows a reader combines meet in one
 * shard, and whether any split at all is exact:
 *
 * <ul>
 *   <li>{@link #column}: rows with the same key meet (all rows of one {@code location_id}, of one
 *       H3 cell, of one quadkey). The key is hashed as the reader reads it — an H3 id in upper or
 *       lower case, a location id with a leading zero — so that two spellings of one key cannot
 *       land in two shards.
 *   <li>{@link #record}: identical records meet (an exact duplicate counts once); any other split
 *       is exact.
 *   <li>{@link #anywhere}: nothing needs to meet (points, counted one by one). Only such kinds can
 *       be read from arbitrary batches of rows, such as the items a cloud CSV item reader hands
 *       out.
 * </ul>
 *
 * Immutable and thread-safe (the key column and hash must be pure functions of the header and the
 * current record).
 *
 * @param column finds the key column in the header as the reader does (after any {@code --map}),
 *     rejecting a file without one; {@code null} without a key column
 * @param hash the key's hash from the current record, given the key column's index; {@code null}
 *     without a key column
 * @param anySplit whether any split of the rows is exact
 */
public record ShardKey(KeyColumn column, KeyHash hash, boolean anySplit) {
  /** Finds the key column of a header. */
  @FunctionalInterface
  public interface KeyColumn {
    /**
     * The index of the key column in {@code header}.
     *
     * @throws org.gapmap.core.input.InputRejectedException if the file has none
     */
    int locate(CsvHeader header);
  }

  /** The hash of the current record's shard key. */
  @FunctionalInterface
  public interface KeyHash {
    /** The hash of field {@code column} of {@code csv}'s current record. */
    long of(CsvScanner csv, int column);
  }

  public ShardKey {
    if ((column == null) != (hash == null) || (column != null && anySplit)) {
      throw new IllegalArgumentException("a shard key column needs a hash, and routes rows");
    }
  }

  /**
   * Rows meet by the column a reader finds for {@code target} (the user's {@code --map}, else the
   * first of {@code usualNames} the file has), hashed by {@code hash}.
   */
  public static ShardKey column(
      String target, List<String> usualNames, UploadOptions options, KeyHash hash) {
    Objects.requireNonNull(target, "target");
    Map<String, String> mapping = Map.copyOf(options.columns());
    List<String> names = List.copyOf(usualNames);
    return new ShardKey(
        header -> new ColumnResolver(header, mapping, Map.of()).require(target, names),
        Objects.requireNonNull(hash, "hash"),
        false);
  }

  /** Identical records meet; any other split is exact. */
  public static ShardKey record() {
    return new ShardKey(null, null, false);
  }

  /** Any split of the rows is exact. */
  public static ShardKey anywhere() {
    return new ShardKey(null, null, true);
  }

  /** A well-spread hash of a key the reader has parsed to a number (an H3 cell, a location id). */
  public static long spread(long key) {
    return BitMixer.mix64(key);
  }

  /** The key column's index in {@code header}, or -1 without a key column. */
  int locate(CsvHeader header) {
    return column == null ? -1 : column.locate(header);
  }

  /** The hash that routes {@code csv}'s current record, {@code keyIndex} the key column or -1. */
  long route(CsvScanner csv, int keyIndex) {
    return hash == null ? csv.recordHash() : hash.of(csv, keyIndex);
  }
}
