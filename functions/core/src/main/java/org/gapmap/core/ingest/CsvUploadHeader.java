package org.gapmap.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gapmap.core.input.CsvScanner;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.input.InputSource;

/**
 * The header row of a plain-text CSV upload, read from the object's first bytes: its bytes as the
 * file has them and its column names in order. It lets rows that arrive apart from their file — the
 * items a cloud CSV item reader hands a function, keyed by column name — be written back under the
 * file's own header ({@link RowBatch}).
 *
 * <p>Refused: a compressed object (gzip or zip: a CSV item reader reads plain text only), a header
 * longer than the bytes given, and a header naming a column twice (rows keyed by column name keep
 * one value per name). Immutable and thread-safe.
 */
public final class CsvUploadHeader {
  private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final byte[] record;
  private final List<String> names;

  private CsvUploadHeader(byte[] record, List<String> names) {
    this.record = record;
    this.names = names;
  }

  /**
   * Reads the header of object {@code name} from its first bytes.
   *
   * @param prefix the object's first bytes
   * @param whole whether {@code prefix} is the whole object
   * @throws InputRejectedException naming the object and what is wrong
   */
  public static CsvUploadHeader read(String name, byte[] prefix, boolean whole) {
    if (prefix.length >= 2
        && ((prefix[0] == 0x1f && prefix[1] == (byte) 0x8b)
            || (prefix[0] == 'P' && prefix[1] == 'K'))) {
      throw new InputRejectedException(
          name,
          null,
          null,
          "the object is compressed (gzip or zip); rows read as items of a CSV item reader must be"
              + " plain CSV: read it in shards of the whole object instead");
    }
    try (CsvScanner csv =
        CsvScanner.open(
            new InputSource(name, () -> new ByteArrayInputStream(prefix), prefix.length))) {
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      csv.copyHeader(header);
      byte[] bytes = header.toByteArray();
      byte[] record = Arrays.copyOf(bytes, bytes.length - 1); // without copyHeader's line break
      int end = (startsWithByteOrderMark(prefix) ? BYTE_ORDER_MARK.length : 0) + record.length;
      boolean complete = end < prefix.length ? prefix[end] == '\n' || prefix[end] == '\r' : whole;
      if (!complete) {
        throw new InputRejectedException(
            name,
            "line 1",
            null,
            "the header row does not end within the first " + prefix.length + " bytes");
      }
      List<String> names = csv.header();
      Set<String> seen = new HashSet<>();
      for (String n : names) {
        if (!seen.add(n)) {
          throw new InputRejectedException(
              name,
              "line 1",
              n,
              "the header names column '"
                  + n
                  + "' twice; rows keyed by column name keep one value per name");
        }
      }
      return new CsvUploadHeader(record, names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean startsWithByteOrderMark(byte[] prefix) {
    return prefix.length >= 3
        && Arrays.equals(prefix, 0, 3, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
  }

  /** The header row's bytes as the file has them, without byte order mark or line break. */
  public byte[] record() {
    return record.clone();
  }

  /** The column names in file order, trimmed. */
  public List<String> names() {
    return names;
  }
}
