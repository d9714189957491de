package org.gapmap.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gapmap.core.ingest.RowBatch;

/**
 * The input of one batch of the ingest state machine's CSV item reader: {@code {"BatchInput":
 * {"bucket", "key", "execution"}, "Items": [{"index": n, "values": {column: text, ...}}, ...]}},
 * where {@code index} is the row's position among the upload's data rows ({@code
 * $$.Map.Item.Index}) and {@code values} the row as the item reader gives it, every value a string.
 *
 * @param bucket the uploads bucket
 * @param key the upload's key
 * @param execution the state machine execution's name, which keys its intermediate work
 * @param rows the batch's rows
 */
record RowsTask(String bucket, String key, String execution, List<RowBatch.Row> rows) {
  RowsTask {
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a batch without items");
    }
  }

  /** From the batch's JSON input; refuses anything but the shape above. */
  static RowsTask of(Map<String, Object> input) {
    if (!(input.get("BatchInput") instanceof Map<?, ?> batch)) {
      throw new IllegalArgumentException("missing \"BatchInput\" in " + input.keySet());
    }
    if (!(input.get("Items") instanceof List<?> items)) {
      throw new IllegalArgumentException("missing \"Items\" in " + input.keySet());
    }
    List<RowBatch.Row> rows = new ArrayList<>(items.size());
    for (Object item : items) {
      rows.add(row(item));
    }
    return new RowsTask(text(batch, "bucket"), text(batch, "key"), text(batch, "execution"), rows);
  }

  private static RowBatch.Row row(Object item) {
    if (!(item instanceof Map<?, ?> map)
        || !(map.get("index") instanceof Number index)
        || !(map.get("values") instanceof Map<?, ?> values)) {
      throw new IllegalArgumentException("an item must be {\"index\": n, \"values\": {...}}");
    }
    Map<String, String> row = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : values.entrySet()) {
      if (!(e.getKey() instanceof String column) || !(e.getValue() instanceof String value)) {
        throw new IllegalArgumentException(
            "item "
                + index
                + ": column "
                + e.getKey()
                + " must hold a string, found "
                + e.getValue());
      }
      row.put(column, value);
    }
    return new RowBatch.Row(index.longValue(), row);
  }

  private static String text(Map<?, ?> input, String name) {
    if (input.get(name) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("missing \"" + name + "\" in BatchInput " + input.keySet());
  }
}
