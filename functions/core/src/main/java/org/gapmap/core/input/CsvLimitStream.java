package org.gapmap.core.input;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes CSV bytes through unchanged while measuring each field and record against {@link
 * CsvLimits}, for a parser that would otherwise buffer a field of any length (Commons CSV, under
 * {@link CsvTable}). It follows only what bounds a field in RFC 4180: a field that starts with a
 * quote runs to the quote that is not doubled, any other field to the next comma or line break.
 * Whether the file is well formed is the parser's business; this stream only stops reading at the
 * first byte past a limit, with an {@link InputRejectedException} naming the line the field starts
 * on and its column. It keeps the header's names for that itself, since the parser reads ahead of
 * the record it returns. UTF-8 needs no decoding here: no byte of a multi-byte character equals a
 * quote, comma or line break.
 *
 * <p>Not thread-safe: one reader, one thread.
 */
final class CsvLimitStream extends FilterInputStream {
  private enum State {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    /** A quote inside a quoted field: the closing one, or the first of a doubled pair. */
    QUOTE_IN_QUOTED
  }

  private final String source;
  private final CsvLimits limits;

  /** The header's names, complete once its record has ended. */
  private final List<String> header = new ArrayList<>();

  /** The current header field's bytes while the header is read; {@code null} after it. */
  private ByteArrayOutputStream headerField;

  private boolean headerSeen;

  private State state = State.FIELD_START;
  private long line = 1;
  private boolean atRecordStart = true;
  private long recordLine = 1;
  private long recordBytes;
  private int fieldIndex;
  private long fieldLine = 1;
  private boolean fieldQuoted;
  private long fieldBytes;

  CsvLimitStream(InputStream in, String source, CsvLimits limits) {
    super(in);
    this.source = source;
    this.limits = limits;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      see((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    for (int i = 0; i < n; i++) {
      see(b[off + i]);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // every byte must be seen; CsvTable's reader never skips
    throw new IOException("skip is not supported");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void see(byte b) {
    if (state == State.QUOTED) {
      if (b == '"') {
        state = State.QUOTE_IN_QUOTED;
      } else {
        field(b, 1);
      }
      record();
      if (b == '\n') {
        line++;
      }
      return;
    }
    if (state == State.QUOTE_IN_QUOTED && b == '"') {
      // a doubled quote: two bytes of the field
      field(b, 2);
      record();
      state = State.QUOTED;
      return;
    }
    // outside quotes
    if (b == '\r' || b == '\n') {
      if (b == '\n') {
        line++;
      }
      state = State.FIELD_START;
      atRecordStart = true;
      if (headerField != null) {
        endHeaderField();
        headerField = null;
      }
      return;
    }
    if (atRecordStart) {
      atRecordStart = false;
      if (!headerSeen) {
        headerSeen = true;
        headerField = new ByteArrayOutputStream();
      }
      recordLine = line;
      recordBytes = 0;
      fieldIndex = 0;
      state = State.FIELD_START;
    }
    record();
    if (b == ',') {
      fieldIndex++;
      state = State.FIELD_START;
      if (headerField != null) {
        endHeaderField();
      }
      return;
    }
    if (state == State.FIELD_START) {
      fieldLine = line;
      fieldBytes = 0;
      fieldQuoted = b == '"';
      if (fieldQuoted) {
        state = State.QUOTED;
        return;
      }
      state = State.UNQUOTED;
    } else if (state == State.QUOTE_IN_QUOTED) {
      // a byte after a closing quote is not RFC 4180 (the parser rejects it); measure it with the
      // field
      state = State.UNQUOTED;
    }
    field(b, 1);
  }

  /** Counts {@code bytes} bytes of the current field, the last of them {@code b}. */
  private void field(byte b, int bytes) {
    fieldBytes += bytes;
    if (headerField != null) {
      headerField.write(b);
    }
    if (fieldBytes > limits.maxFieldBytes()) {
      String column =
          headerField == null && fieldIndex < header.size() ? header.get(fieldIndex) : null;
      throw InputRejectedException.atLine(
          source, fieldLine, column, limits.fieldTooLong(fieldIndex + 1, fieldQuoted));
    }
  }

  private void endHeaderField() {
    header.add(new String(headerField.toByteArray(), StandardCharsets.UTF_8).strip());
    headerField.reset();
  }

  private void record() {
    if (++recordBytes > limits.maxRecordBytes()) {
      throw InputRejectedException.atLine(source, recordLine, null, limits.recordTooLong());
    }
  }
}
