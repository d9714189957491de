package org.gapmap.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;

/**
 * Consecutive data rows of a CSV upload that arrive apart from their file, each as its values keyed
 * by column name — the items a cloud CSV item reader hands a function, every value a string —
 * written back into a CSV slice under the upload's own header, columns in the file's order and
 * values quoted where CSV needs it, so a reader's {@link ShardableReader#shard shard} step reads
 * them exactly as it reads a slice of the file.
 *
 * <p>Item keys match the header's names ignoring surrounding spaces and a byte order mark (what a
 * reader of the first column might keep). Every row must carry the same keys, one per column;
 * anything else is refused rather than guessed at. Immutable and thread-safe.
 *
 * @param first the index of the first row among the upload's data rows (0 for the row after the
 *     header)
 * @param last the index of the last row
 * @param slice the rows as a CSV file with the upload's header, named {@code <upload> (rows a-b)}
 *     with a and b counted from 1
 */
public record RowBatch(long first, long last, InputSource slice) {
  /**
   * One row as an item reader gives it.
   *
   * @param index its index among the upload's data rows, from 0
   * @param values its values by column name
   */
  public record Row(long index, Map<String, String> values) {
    public Row {
      Objects.requireNonNull(values, "values");
      if (index < 0) {
        throw new IllegalArgumentException("row index " + index);
      }
    }
  }

  public RowBatch {
    Objects.requireNonNull(slice, "slice");
  }

  /**
   * The rows of {@code upload}, which must be consecutive (in any order), as a slice under {@code
   * header}.
   *
   * @throws InputRejectedException naming the upload and the row when rows are not consecutive or
   *     carry other keys than the header's columns
   */
  public static RowBatch of(String upload, CsvUploadHeader header, List<Row> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a batch of no rows of " + upload);
    }
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(Row::index));
    long first = sorted.get(0).index();
    long last = sorted.get(sorted.size() - 1).index();
    for (int i = 0; i < sorted.size(); i++) {
      if (sorted.get(i).index() != first + i) {
        throw new InputRejectedException(
            upload,
            "row " + (first + i + 1),
            null,
            "the batch of rows " + (first + 1) + "-" + (last + 1) + " is not consecutive");
      }
    }
    List<String> names = header.names();
    List<String> keys = keysInColumnOrder(upload, names, sorted.get(0));
    Set<String> keySet = Set.copyOf(keys);
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    csv.writeBytes(header.record());
    csv.write('\n');
    StringBuilder line = new StringBuilder();
    for (Row row : sorted) {
      if (!row.values().keySet().equals(keySet)) {
        throw new InputRejectedException(
            upload,
            "row " + (row.index() + 1),
            null,
            "the row's columns "
                + new TreeSet<>(row.values().keySet())
                + " differ from the "
                + "header's "
                + names);
      }
      line.setLength(0);
      for (int c = 0; c < keys.size(); c++) {
        if (c > 0) {
          line.append(',');
        }
        appendField(line, row.values().get(keys.get(c)));
      }
      line.append('\n');
      csv.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = csv.toByteArray();
    String name = upload + " (rows " + (first + 1) + "-" + (last + 1) + ")";
    return new RowBatch(
        first, last, new InputSource(name, () -> new ByteArrayInputStream(bytes), bytes.length));
  }

  /** The number of rows. */
  public long rows() {
    return last - first + 1;
  }

  /** The item key of each header column, in column order. */
  private static List<String> keysInColumnOrder(String upload, List<String> names, Row row) {
    Map<String, String> keyOf = new HashMap<>();
    for (String key : row.values().keySet()) {
      String previous = keyOf.put(normalize(key), key);
      if (previous != null) {
        throw new InputRejectedException(
            upload,
            "row " + (row.index() + 1),
            key,
            "two columns of the row ('" + previous + "' and '" + key + "') name one column");
      }
    }
    List<String> keys = new ArrayList<>(names.size());
    for (String n : names) {
      String key = keyOf.get(n);
      if (key == null) {
        throw new InputRejectedException(
            upload,
            "row " + (row.index() + 1),
            n,
            "the row has no value for column '" + n + "'; its columns: " + row.values().keySet());
      }
      keys.add(key);
    }
    if (keys.size() != row.values().size()) {
      throw new InputRejectedException(
          upload,
          "row " + (row.index() + 1),
          null,
          "the row's columns " + row.values().keySet() + " differ from the header's " + names);
    }
    return keys;
  }

  private static String normalize(String key) {
    String k = key.startsWith("\uFEFF") ? key.substring(1) : key;
    return k.strip();
  }

  /** Appends {@code value}, quoted when it holds a comma, a quote or a line break. */
  private static void appendField(StringBuilder line, String value) {
    String v = value == null ? "" : value;
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      line.append(v);
      return;
    }
    line.append('"').append(v.replace("\"", "\"\"")).append('"');
  }
}
