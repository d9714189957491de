package org.gapmap.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV file read row by row with an RFC 4180 parser: a UTF-8 byte-order mark is dropped, quoted
 * fields may hold commas and newlines, and header names are matched ignoring case, surrounding
 * spaces and inner line breaks (real files have {@code "Franchisee Name "} and headers that wrap).
 * Every row knows the line it starts on. Fields and records longer than the {@link CsvLimits} are
 * rejected as soon as the limit is passed.
 *
 * <p>Not thread-safe: one reader, one thread.
 */
public final class CsvTable implements AutoCloseable, Iterable<CsvTable.Row>, CsvHeader {
  private final String source;
  private final CSVParser parser;
  private final List<String> header;
  private final Map<String, Integer> index = new LinkedHashMap<>();

  private CsvTable(String source, CSVParser parser) {
    this.source = source;
    this.parser = parser;
    this.header = List.copyOf(parser.getHeaderNames());
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(normalize(header.get(i)), i);
    }
  }

  /**
   * Opens {@code input} with the {@linkplain CsvLimits#DEFAULT default limits}; rejects an empty
   * file or one without a header row.
   */
  public static CsvTable open(InputSource input) {
    return open(input, CsvLimits.DEFAULT);
  }

  /**
   * Opens {@code input}; rejects an empty file or one without a header row, and, while it is read,
   * any field or record longer than {@code limits}.
   */
  public static CsvTable open(InputSource input, CsvLimits limits) {
    InputStream decoded;
    try {
      decoded = input.openDecoded();
    } catch (IOException e) {
      throw new InputRejectedException(input.name(), "line 1", null, "cannot read CSV: " + e, e);
    }
    CsvLimitStream limited =
        new CsvLimitStream(new ByteOrderMarkSkipper(decoded), input.name(), limits);
    Reader reader = new InputStreamReader(limited, StandardCharsets.UTF_8);
    try {
      CSVParser parser =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setAllowMissingColumnNames(true)
              .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
              .setIgnoreEmptyLines(true)
              .get()
              .parse(reader);
      if (parser.getHeaderNames().isEmpty()) {
        parser.close();
        throw new InputRejectedException(
            input.name(), "line 1", null, "the file is empty: expected a CSV header row");
      }
      return new CsvTable(input.name(), parser);
    } catch (CSVException e) {
      // the header record is malformed (the parser names the line and position)
      closeQuietlyAfter(reader, e);
      throw new InputRejectedException(
          input.name(), "line 1", null, "malformed CSV header: " + detail(e), e);
    } catch (IOException | UncheckedIOException e) {
      closeQuietlyAfter(reader, e);
      throw new InputRejectedException(
          input.name(), "line 1", null, "cannot read CSV: " + detail(e), e);
    } catch (RuntimeException e) {
      closeQuietlyAfter(reader, e);
      throw e;
    }
  }

  private static void closeQuietlyAfter(Reader reader, Exception failure) {
    try {
      reader.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** The parser's complaint without exception class names: "EOF reached before ...". */
  private static String detail(Exception e) {
    Throwable cause = e instanceof RuntimeException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage() == null ? "unreadable record" : cause.getMessage();
    return message.replaceAll("^(?:[a-z0-9_]+\\.)+[A-Za-z0-9_]*(?:Exception|Error): ", "");
  }

  /** Header names as found in the file (trimmed). */
  @Override
  public List<String> header() {
    return header.stream().map(String::strip).toList();
  }

  @Override
  public String source() {
    return source;
  }

  /** The position of a column, matched loosely (see class doc). */
  @Override
  public Optional<Integer> column(String name) {
    return Optional.ofNullable(index.get(normalize(name)));
  }

  /** The first of {@code candidates} that the file has, as written in the file. */
  @Override
  public Optional<String> firstPresent(List<String> candidates) {
    for (String c : candidates) {
      Integer i = index.get(normalize(c));
      if (i != null) {
        return Optional.of(header.get(i).strip());
      }
    }
    return Optional.empty();
  }

  static String normalize(String headerName) {
    return headerName.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public Iterator<Row> iterator() {
    Iterator<CSVRecord> records = parser.iterator();
    return new Iterator<>() {
      // The header may span several lines (quoted cells with line breaks): start after it.
      private long nextLine = parser.getCurrentLineNumber() + 1;

      @Override
      public boolean hasNext() {
        try {
          return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new InputRejectedException(
              source, "line " + nextLine, null, "malformed CSV: " + detail(e), e);
        }
      }

      @Override
      public Row next() {
        CSVRecord record;
        try {
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new InputRejectedException(
              source, "line " + nextLine, null, "malformed CSV: " + detail(e), e);
        }
        long line = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
        List<String> values = new ArrayList<>(record.size());
        record.forEach(values::add);
        return new Row(line, values);
      }
    };
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One data row and the line it starts on (the header is line 1). */
  public record Row(long line, List<String> values) {
    /** The value at {@code column}, or "" when the row is short. */
    public String get(int column) {
      return column < values.size() ? values.get(column) : "";
    }
  }
}
