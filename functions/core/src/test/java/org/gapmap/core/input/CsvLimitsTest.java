package org.gapmap.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.gapmap.core.GeneratedInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Field and record length limits of both CSV readers: a field or record one byte over the limit is
 * rejected naming the line, the column and the limit; one at the limit is read; and a 200 MB
 * unterminated quoted field is rejected after reading little more than the limit.
 */
class CsvLimitsTest {
  private static final CsvLimits SMALL = new CsvLimits(8, 32);

  /** The two readers, reduced to "every record's fields". */
  enum Reader {
    SCANNER(
        (input, limits) -> {
          List<List<String>> out = new ArrayList<>();
          try (CsvScanner csv = CsvScanner.open(input, limits)) {
            while (csv.next()) {
              List<String> r = new ArrayList<>();
              for (int i = 0; i < csv.size(); i++) {
                r.add(csv.string(i));
              }
              out.add(r);
            }
          }
          return out;
        }),
    TABLE(
        (input, limits) -> {
          List<List<String>> out = new ArrayList<>();
          try (CsvTable table = CsvTable.open(input, limits)) {
            for (CsvTable.Row row : table) {
              out.add(row.values());
            }
          }
          return out;
        });

    private final BiFunction<InputSource, CsvLimits, List<List<String>>> read;

    Reader(BiFunction<InputSource, CsvLimits, List<List<String>>> read) {
      this.read = read;
    }

    List<List<String>> read(String text, CsvLimits limits) {
      return read.apply(source("t.csv", text), limits);
    }
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void fieldsAtTheLimitAreRead(Reader reader) {
    assertThat(reader.read("a,b\r\n12345678,\"1234\"\"78\"\r\nx,\"\"\r\n", SMALL))
        .containsExactly(List.of("12345678", "1234\"78"), List.of("x", ""));
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void anUnquotedFieldOneByteOverIsRejectedNamingLineColumnAndLimit(Reader reader) {
    assertThatThrownBy(() -> reader.read("a,b\n1,2\n3,123456789\n", SMALL))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(
            "t.csv: line 3, column 'b': field 2 is longer than 8 bytes, the limit for one CSV"
                + " field");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aQuotedFieldOverTheLimitIsRejectedAtTheLineItStartsOn(Reader reader) {
    assertThatThrownBy(() -> reader.read("a,b\n1,2\n3,\"12\n34\n567\"\n", SMALL))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(
            "t.csv: line 3, column 'b': field 2 is longer than 8 bytes, the limit for one CSV"
                + " field (it is quoted: is its closing quote missing?)");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aHeaderFieldOverTheLimitIsRejectedOnLineOne(Reader reader) {
    assertThatThrownBy(() -> reader.read("a,abcdefghijk\n1,2\n", SMALL))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage("t.csv: line 1: field 2 is longer than 8 bytes, the limit for one CSV field");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aRecordOverTheLimitIsRejected(Reader reader) {
    String wide = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16"; // 38 bytes, every field short
    assertThatThrownBy(() -> reader.read("a\n1\n" + wide + "\n", SMALL))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(
            "t.csv: line 3: the record is longer than 32 bytes, the limit for one CSV record");
    String atLimit = "1,2,3,4,5,6,7,8,9,10,11,12,13,14"; // 32 bytes
    assertThat(reader.read("a\n" + atLimit + "\r\n", SMALL)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aHugeUnterminatedQuoteIsRejectedAfterReadingLittleMoreThanTheLimit(Reader reader) {
    GeneratedInput stream =
        new GeneratedInput("latitude,longitude\n40.7,\"", (byte) 'x', 200L << 20);
    assertThatThrownBy(() -> reader.read.apply(stream.source("huge.csv"), CsvLimits.DEFAULT))
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(
            "huge.csv: line 2, column 'longitude': field 2 is longer than 131072 bytes, the limit"
                + " for one CSV field (it is quoted: is its closing quote missing?)");
    // the reader's buffer (1 MiB for the scanner, a few KiB for the table) and not much more
    assertThat(stream.served()).isLessThan(3L << 20);
  }

  @Test
  void limitsMustBeOrderedAndPositive() {
    assertThatThrownBy(() -> new CsvLimits(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CsvLimits(10, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThat(CsvLimits.DEFAULT.maxFieldBytes()).isEqualTo(131_072);
    assertThat(CsvLimits.DEFAULT.maxRecordBytes()).isEqualTo(1_048_576);
  }
}
