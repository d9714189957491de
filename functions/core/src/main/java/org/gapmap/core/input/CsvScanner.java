package org.gapmap.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fast RFC 4180 CSV reader for the large uploads (FCC availability files of tens of millions of
 * rows, speed-test dumps): it scans the UTF-8 bytes in place and hands out fields as offsets, so
 * numbers are parsed without creating a string per cell. Quoted fields (with commas, doubled quotes
 * and line breaks) are understood, a UTF-8 byte-order mark is dropped, empty lines are skipped, and
 * every record knows the line it starts on. Fields and records longer than the {@link CsvLimits}
 * are rejected as soon as the limit is passed, so memory stays bounded whatever the input. Small
 * files go through {@link CsvTable}; this class exists for the hot path: on a generated 200 MB
 * availability file, Commons CSV (through {@link CsvTable}) tokenizes about 1.4 M rows per CPU
 * second before any work is done on them, this scanner 8 to 12 M, which leaves the {@code
 * bdc-fixed} reader room to classify 1 M rows or more per second.
 *
 * <p>Not thread-safe: one reader, one thread. Field accessors refer to the current record only.
 */
public final class CsvScanner implements AutoCloseable, CsvHeader {
  /** The buffer of a large input; it grows only for a record that does not fit. */
  private static final int INITIAL_BUFFER = 1 << 20;

  /** The smallest buffer, for small inputs. */
  private static final int MIN_BUFFER = 64 << 10;

  private final String source;
  private final InputStream in;
  private final CsvLimits limits;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;

  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private boolean[] escaped = new boolean[32];
  private int fields;
  private long nextLine = 1;
  private long recordLine;
  private boolean quotedEmpty;
  private int recordStart;
  private int recordEnd;

  private final List<String> header;
  private final byte[] headerRecord;
  private final Map<String, Integer> index = new LinkedHashMap<>();

  private CsvScanner(String source, InputStream in, long size, CsvLimits limits) {
    this.source = source;
    this.in = in;
    this.limits = limits;
    // a small file needs no megabyte (a compressed one may need more: the buffer is refilled)
    this.buf =
        new byte
            [size < 0
                ? INITIAL_BUFFER
                : (int) Math.max(MIN_BUFFER, Math.min(INITIAL_BUFFER, size + 1))];
    skipByteOrderMark();
    if (!next()) {
      throw new InputRejectedException(
          source, "line 1", null, "the file is empty: expected a CSV header row");
    }
    this.headerRecord = Arrays.copyOfRange(buf, recordStart, recordEnd(recordStart, recordEnd));
    List<String> names = new ArrayList<>(fields);
    for (int i = 0; i < fields; i++) {
      names.add(string(i).strip());
    }
    this.header = List.copyOf(names);
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(CsvTable.normalize(header.get(i)), i);
    }
  }

  /**
   * Opens {@code input} (decompressing it) and reads its header, with the {@linkplain
   * CsvLimits#DEFAULT default limits}; rejects an empty file.
   */
  public static CsvScanner open(InputSource input) {
    return open(input, CsvLimits.DEFAULT);
  }

  /** Opens {@code input} (decompressing it) and reads its header; rejects an empty file. */
  public static CsvScanner open(InputSource input, CsvLimits limits) {
    InputStream stream;
    try {
      stream = input.openDecoded();
    } catch (IOException e) {
      throw new InputRejectedException(input.name(), null, null, "cannot read: " + e, e);
    }
    try {
      return new CsvScanner(input.name(), stream, input.size(), limits);
    } catch (RuntimeException e) {
      closeQuietlyAfter(stream, e);
      throw e;
    }
  }

  private static void closeQuietlyAfter(InputStream stream, RuntimeException failure) {
    try {
      stream.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public Optional<Integer> column(String name) {
    return Optional.ofNullable(index.get(CsvTable.normalize(name)));
  }

  @Override
  public Optional<String> firstPresent(List<String> candidates) {
    for (String c : candidates) {
      Integer i = index.get(CsvTable.normalize(c));
      if (i != null) {
        return Optional.of(header.get(i));
      }
    }
    return Optional.empty();
  }

  /** Moves to the next non-empty record; {@code false} at the end of the input. */
  public boolean next() {
    while (true) {
      if (pos >= limit && !fill()) {
        return false;
      }
      int status = parseRecord();
      if (status > 0) {
        if (fields == 1 && starts[0] == ends[0] && !escaped[0] && !quotedEmpty) {
          continue; // an empty line
        }
        return true;
      }
      if (!fill()) {
        // the input ends inside a record without a final line break: parse it with end of input
        // as its end
        int last = parseRecord();
        if (last <= 0) {
          throw InputRejectedException.atLine(
              source, nextLine, null, "malformed CSV: the file ends inside a quoted field");
        }
        if (fields == 1 && starts[0] == ends[0] && !quotedEmpty) {
          return false;
        }
        return true;
      }
    }
  }

  /**
   * Parses one record starting at {@code pos}. Returns 1 and advances {@code pos} when complete;
   * returns 0 (leaving {@code pos}) when the buffer ends first and more input may follow. Rejects a
   * field or record past the {@link CsvLimits} once it has scanned a byte too many, so a record
   * that does not fit in the buffer is never longer than the limits allow.
   */
  private int parseRecord() {
    int p = pos;
    recordStart = p;
    long lines = 0;
    fields = 0;
    quotedEmpty = false;
    int maxField = limits.maxFieldBytes();
    while (true) {
      if (p - recordStart > limits.maxRecordBytes()) {
        throw InputRejectedException.atLine(source, nextLine, null, limits.recordTooLong());
      }
      if (fields == starts.length) {
        growFields();
      }
      if (p < limit && buf[p] == '"') {
        int start = p + 1;
        int q = start;
        long fieldLines = lines;
        // one byte past the longest field allowed, or the end of the buffer
        int stop = (int) Math.min(limit, (long) start + maxField + 1);
        boolean hasEscapes = false;
        while (true) {
          if (q >= stop) {
            if (q - start > maxField) {
              throw fieldTooLong(fields, fieldLines, true);
            }
            return 0;
          }
          byte b = buf[q];
          if (b == '"') {
            if (q + 1 >= limit && !eof) {
              return 0;
            }
            if (q + 1 < limit && buf[q + 1] == '"') {
              hasEscapes = true;
              q += 2;
              continue;
            }
            break;
          }
          if (b == '\n') {
            lines++;
          }
          q++;
        }
        starts[fields] = start;
        ends[fields] = q;
        escaped[fields] = hasEscapes;
        if (q == start) {
          quotedEmpty = true;
        }
        fields++;
        p = q + 1;
        if (p >= limit) {
          if (!eof) {
            return 0;
          }
          return finish(p, lines);
        }
        byte after = buf[p];
        if (after == ',') {
          p++;
          continue;
        }
        if (after == '\r' && p + 1 < limit && buf[p + 1] == '\n') {
          return finish(p + 2, lines + 1);
        }
        if (after == '\r' && p + 1 >= limit) {
          return eof ? finish(p + 1, lines + 1) : 0;
        }
        if (after == '\n') {
          return finish(p + 1, lines + 1);
        }
        throw InputRejectedException.atLine(
            source,
            nextLine + lines,
            null,
            "malformed CSV: a closing quote must be followed by a comma or a line break");
      }
      int start = p;
      // room for the longest field allowed, a carriage return and one byte more
      long tooFar = (long) start + maxField + 2;
      int stop = (int) Math.min(limit, tooFar);
      while (p < stop) {
        byte b = buf[p];
        if (b == ',' || b == '\n') {
          break;
        }
        p++;
      }
      if (p == tooFar) {
        throw fieldTooLong(fields, lines, false);
      }
      if (p >= limit && !eof) {
        return 0;
      }
      int end = p;
      if (end > start && buf[end - 1] == '\r' && (p >= limit || buf[p] == '\n')) {
        end--;
      }
      if (end - start > maxField) {
        throw fieldTooLong(fields, lines, false);
      }
      starts[fields] = start;
      ends[fields] = end;
      escaped[fields] = false;
      fields++;
      if (p >= limit) {
        return finish(p, lines);
      }
      if (buf[p] == ',') {
        p++;
        continue;
      }
      return finish(p + 1, lines + 1);
    }
  }

  /**
   * Field {@code index} (0-based), which starts {@code lines} lines into the record, is too long.
   */
  private InputRejectedException fieldTooLong(int index, long lines, boolean quoted) {
    String column = header != null && index < header.size() ? header.get(index) : null;
    return InputRejectedException.atLine(
        source, nextLine + lines, column, limits.fieldTooLong(index + 1, quoted));
  }

  private int finish(int newPos, long lines) {
    if (recordEnd(recordStart, newPos) - recordStart > limits.maxRecordBytes()) {
      throw InputRejectedException.atLine(source, nextLine, null, limits.recordTooLong());
    }
    recordEnd = newPos;
    recordLine = nextLine;
    nextLine += lines == 0 ? 1 : lines;
    pos = newPos;
    return 1;
  }

  private void growFields() {
    int n = starts.length * 2;
    starts = Arrays.copyOf(starts, n);
    ends = Arrays.copyOf(ends, n);
    escaped = Arrays.copyOf(escaped, n);
  }

  /** Moves unread bytes to the front and reads more; {@code false} if nothing more came. */
  private boolean fill() {
    if (eof) {
      return false;
    }
    int remaining = limit - pos;
    if (remaining == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    } else if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, remaining);
    }
    pos = 0;
    limit = remaining;
    try {
      while (limit < buf.length) {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
          eof = true;
          return limit > remaining;
        }
        if (n > 0) {
          limit += n;
          return true;
        }
      }
      return true;
    } catch (IOException e) {
      throw new InputRejectedException(
          source, "line " + nextLine, null, "cannot read: " + e.getMessage(), e);
    } catch (InputRejectedException e) {
      if (e.location() != null) {
        throw e;
      }
      // a truncated or corrupt compressed stream: say how far the read got
      throw new InputRejectedException(source, "line " + nextLine, null, e.reason(), e);
    }
  }

  private void skipByteOrderMark() {
    fill();
    if (limit - pos >= 3
        && (buf[pos] & 0xff) == 0xEF
        && (buf[pos + 1] & 0xff) == 0xBB
        && (buf[pos + 2] & 0xff) == 0xBF) {
      pos += 3;
    }
  }

  /** The line the current record starts on (the header is line 1). */
  public long line() {
    return recordLine;
  }

  /**
   * Writes the header record's bytes (byte order mark and line break excluded) and a {@code \n}.
   */
  public void copyHeader(OutputStream out) throws IOException {
    out.write(headerRecord);
    out.write('\n');
  }

  /** Writes the current record's bytes (line break excluded) and a {@code \n}. */
  public void copyRecord(OutputStream out) throws IOException {
    out.write(buf, recordStart, recordEnd(recordStart, recordEnd) - recordStart);
    out.write('\n');
  }

  /** A 64-bit hash of field {@code i}'s raw bytes: equal fields hash equal. */
  public long fieldHash(int i) {
    long h = 0xcbf29ce484222325L;
    if (i < fields) {
      for (int p = starts[i]; p < ends[i]; p++) {
        h = (h ^ (buf[p] & 0xff)) * 0x100000001b3L;
      }
    }
    return mix(h);
  }

  private int recordEnd(int start, int end) {
    while (end > start && (buf[end - 1] == '\n' || buf[end - 1] == '\r')) {
      end--;
    }
    return end;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * A 64-bit hash of the current record's bytes, line break excluded: equal records hash equal, and
   * different records collide with a probability of about 2^-64.
   */
  public long recordHash() {
    int end = recordEnd;
    while (end > recordStart && (buf[end - 1] == '\n' || buf[end - 1] == '\r')) {
      end--;
    }
    long h = 0xcbf29ce484222325L;
    for (int p = recordStart; p < end; p++) {
      h = (h ^ (buf[p] & 0xff)) * 0x100000001b3L;
    }
    // final avalanche (MurmurHash3 fmix64), so nearby records spread over the whole range
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The number of fields of the current record. */
  public int size() {
    return fields;
  }

  /** The text of field {@code i}, "" when the record is short. */
  public String string(int i) {
    if (i >= fields) {
      return "";
    }
    String s = new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    return escaped[i] ? s.replace("\"\"", "\"") : s;
  }

  /** Whether field {@code i} is missing or holds only spaces. */
  public boolean isBlank(int i) {
    if (i >= fields) {
      return true;
    }
    for (int p = starts[i]; p < ends[i]; p++) {
      if (buf[p] != ' ') {
        return false;
      }
    }
    return true;
  }

  /** The length in bytes of field {@code i}. */
  public int length(int i) {
    return i >= fields ? 0 : ends[i] - starts[i];
  }

  /** Byte {@code k} of field {@code i}. */
  public byte byteAt(int i, int k) {
    return buf[starts[i] + k];
  }

  /**
   * Field {@code i} as a non-negative decimal integer of at most 18 digits.
   *
   * @throws NumberFormatException if it is anything else
   */
  public long digits(int i) {
    if (i >= fields || ends[i] == starts[i] || ends[i] - starts[i] > 18) {
      throw new NumberFormatException("not an integer: \"" + string(i) + "\"");
    }
    long v = 0;
    for (int p = starts[i]; p < ends[i]; p++) {
      int d = buf[p] - '0';
      if (d < 0 || d > 9) {
        throw new NumberFormatException("not an integer: \"" + string(i) + "\"");
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * Field {@code i} as hexadecimal digits, read as an unsigned 64-bit value (H3 cell ids).
   *
   * @throws NumberFormatException if it is anything else
   */
  public long hex(int i) {
    if (i >= fields || ends[i] == starts[i] || ends[i] - starts[i] > 16) {
      throw new NumberFormatException("not hexadecimal: \"" + string(i) + "\"");
    }
    long v = 0;
    for (int p = starts[i]; p < ends[i]; p++) {
      int d = Character.digit(buf[p], 16);
      if (d < 0) {
        throw new NumberFormatException("not hexadecimal: \"" + string(i) + "\"");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /**
   * Field {@code i} as a decimal number; {@link Double#NaN} when blank. Plain decimals ({@code
   * -12.345}) are parsed in place and give exactly what {@link Double#parseDouble} gives; anything
   * else goes through {@link Double#parseDouble}.
   *
   * @throws NumberFormatException if it is not a finite number
   */
  public double number(int i) {
    if (isBlank(i)) {
      return Double.NaN;
    }
    int p = starts[i];
    int end = ends[i];
    boolean negative = buf[p] == '-';
    if (negative) {
      p++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    boolean anyDigit = false;
    boolean point = false;
    boolean plain = p < end;
    for (; p < end; p++) {
      byte b = buf[p];
      if (b >= '0' && b <= '9') {
        mantissa = mantissa * 10 + (b - '0');
        anyDigit = true;
        if (mantissa != 0) {
          digits++;
        }
        if (point) {
          scale++;
        }
      } else if (b == '.' && !point) {
        point = true;
      } else {
        plain = false;
        break;
      }
    }
    if (plain && anyDigit && digits <= 15 && scale <= 22) {
      // both mantissa and 10^scale are exact doubles, so one correctly rounded division gives the
      // correctly rounded value, as Double.parseDouble does
      double v = scale == 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[scale];
      return negative ? -v : v;
    }
    double v = Double.parseDouble(string(i).strip());
    if (!Double.isFinite(v)) {
      throw new NumberFormatException("not a finite number: \"" + string(i) + "\"");
    }
    return v;
  }

  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int k = 0; k < POWERS_OF_TEN.length; k++) {
      POWERS_OF_TEN[k] = p;
      p *= 10;
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
