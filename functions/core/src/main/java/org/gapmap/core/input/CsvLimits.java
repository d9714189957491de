package org.gapmap.core.input;

/**
 * How long one CSV field and one CSV record may be, in bytes of the file as written (quotes,
 * doubled quotes and line breaks inside quotes included; the record's own line break excluded). A
 * file that breaks a limit is rejected as soon as the reader has seen one byte too many, naming the
 * line, the field and the limit, so a single huge field (an unterminated quote that swallows the
 * rest of a 200 MB file) costs at most the limit in memory, never the file. Immutable.
 *
 * <p>The defaults are generous for every file gapmap reads: its values are ids, names and numbers
 * of well under a kilobyte, while {@value #DEFAULT_MAX_FIELD_BYTES} bytes hold the longest cell a
 * spreadsheet can write (Excel: 32,767 characters, at most 98,301 bytes in UTF-8), and a record of
 * {@value #DEFAULT_MAX_RECORD_BYTES} bytes holds 16,384 columns (Excel's widest sheet) of 64 bytes.
 *
 * @param maxFieldBytes most bytes of one field
 * @param maxRecordBytes most bytes of one record, at least {@code maxFieldBytes}
 */
public record CsvLimits(int maxFieldBytes, int maxRecordBytes) {
  /** 128 KiB per field. */
  public static final int DEFAULT_MAX_FIELD_BYTES = 128 << 10;

  /** 1 MiB per record. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

  /** The limits every reader applies. */
  public static final CsvLimits DEFAULT =
      new CsvLimits(DEFAULT_MAX_FIELD_BYTES, DEFAULT_MAX_RECORD_BYTES);

  /**
   * @throws IllegalArgumentException if a limit is not positive, the record limit is below the
   *     field limit, or the record limit leaves no room for the reader's buffer (above 256 MiB)
   */
  public CsvLimits {
    if (maxFieldBytes < 1 || maxRecordBytes < maxFieldBytes || maxRecordBytes > (1 << 28)) {
      throw new IllegalArgumentException(
          "expected 1 <= maxFieldBytes <= maxRecordBytes <= 2^28, found "
              + maxFieldBytes
              + " and "
              + maxRecordBytes);
    }
  }

  /** The reason given when field {@code number} (1-based) is too long. */
  String fieldTooLong(int number, boolean quoted) {
    return "field "
        + number
        + " is longer than "
        + maxFieldBytes
        + " bytes, the limit for one CSV field"
        + (quoted ? " (it is quoted: is its closing quote missing?)" : "");
  }

  /** The reason given when a record is too long. */
  String recordTooLong() {
    return "the record is longer than " + maxRecordBytes + " bytes, the limit for one CSV record";
  }
}
