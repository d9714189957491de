package org.gapmap.ingest;

import java.util.Map;

/**
 * The input of a shard or merge step of the ingest state machine.
 *
 * @param bucket the uploads bucket
 * @param key the upload's key, {@code uploads/<regionId>/<kind>/<file>}
 * @param shard this shard, 0 to {@code shards - 1} ({@code -1} for the merge)
 * @param shards how many shards the upload is read in
 * @param execution the state machine execution's name, which keys its intermediate work
 */
record ShardTask(String bucket, String key, int shard, int shards, String execution) {
  ShardTask {
    if (shards < 1 || shards > 10_000 || shard < -1 || shard >= shards) {
      throw new IllegalArgumentException("shard " + shard + " of " + shards);
    }
  }

  /** From the state's JSON input; numbers may arrive as any JSON number type. */
  static ShardTask of(Map<String, Object> input) {
    return new ShardTask(
        text(input, "bucket"),
        text(input, "key"),
        input.containsKey("shard") ? number(input, "shard") : -1,
        number(input, "shards"),
        text(input, "execution"));
  }

  /** The non-blank string {@code name} of {@code input}. */
  static String text(Map<String, Object> input, String name) {
    if (input.get(name) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("missing \"" + name + "\" in " + input.keySet());
  }

  private static int number(Map<String, Object> input, String name) {
    if (input.get(name) instanceof Number n) {
      return n.intValue();
    }
    throw new IllegalArgumentException("missing number \"" + name + "\" in " + input.keySet());
  }
}
