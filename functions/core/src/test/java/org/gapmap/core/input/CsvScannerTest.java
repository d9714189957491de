package org.gapmap.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvScannerTest {
  private static List<List<String>> records(CsvScanner csv) {
    List<List<String>> out = new ArrayList<>();
    while (csv.next()) {
      List<String> r = new ArrayList<>();
      for (int i = 0; i < csv.size(); i++) {
        r.add(csv.string(i));
      }
      r.add("@" + csv.line());
      out.add(r);
    }
    return out;
  }

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaksAndKnowsTheirLines() {
    String text =
        "\uFEFFa,\"B \",c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",3\n4,,\"\"";
    try (CsvScanner csv = CsvScanner.open(source("t.csv", text))) {
      assertThat(csv.header()).containsExactly("a", "B", "c");
      assertThat(csv.column("b")).contains(1);
      assertThat(records(csv))
          .containsExactly(
              List.of("1", "x, y", "say \"hi\"", "@2"),
              List.of("2", "two\nlines", "3", "@4"),
              List.of("4", "", "", "@6"));
    }
  }

  @Test
  void readsRecordsAcrossBufferBoundariesAndGzip() {
    StringBuilder b = new StringBuilder("id,name,value\n");
    int rows = 60_000;
    for (int i = 0; i < rows; i++) {
      b.append(i).append(",\"name ").append(i).append(", quoted\",").append(i * 0.25).append('\n');
    }
    for (InputSourceCase c :
        List.of(
            new InputSourceCase(source("big.csv", b.toString())),
            new InputSourceCase(source("big.csv.gz", gzip(b.toString()))))) {
      try (CsvScanner csv = CsvScanner.open(c.input())) {
        int n = 0;
        while (csv.next()) {
          assertThat(csv.digits(0)).isEqualTo(n);
          assertThat(csv.string(1)).isEqualTo("name " + n + ", quoted");
          assertThat(csv.number(2)).isEqualTo(n * 0.25);
          assertThat(csv.line()).isEqualTo(n + 2L);
          n++;
        }
        assertThat(n).isEqualTo(rows);
      }
    }
  }

  private record InputSourceCase(InputSource input) {}

  @Test
  void parsesDecimalsExactlyAsDoubleParseDouble() {
    Random random = new Random(42);
    StringBuilder b = new StringBuilder("v\n");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String t =
          switch (i % 4) {
            case 0 -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1000);
            case 1 -> String.format(Locale.ROOT, "%.6f", random.nextDouble() * 360 - 180);
            case 2 -> Long.toString(random.nextInt(100_000));
            default -> Double.toString(random.nextDouble() * 1e6);
          };
      texts.add(t);
      b.append(t).append('\n');
    }
    b.append("1e3\n-0.5\n");
    texts.addAll(Arrays.asList("1e3", "-0.5"));
    try (CsvScanner csv = CsvScanner.open(source("n.csv", b.toString()))) {
      int i = 0;
      while (csv.next()) {
        assertThat(csv.number(0)).isEqualTo(Double.parseDouble(texts.get(i++)));
      }
      assertThat(i).isEqualTo(texts.size());
    }
  }

  @Test
  void rejectsNonNumbersAndNonFiniteValues() {
    try (CsvScanner csv = CsvScanner.open(source("n.csv", "v\nabc\nNaN\n.\n\"\"\n"))) {
      csv.next();
      assertThatThrownBy(() -> csv.number(0)).isInstanceOf(NumberFormatException.class);
      csv.next();
      assertThatThrownBy(() -> csv.number(0)).isInstanceOf(NumberFormatException.class);
      csv.next();
      assertThatThrownBy(() -> csv.number(0)).isInstanceOf(NumberFormatException.class);
      csv.next();
      assertThat(csv.number(0)).isNaN();
    }
  }

  @Test
  void rejectsAnEmptyFileAndAnUnterminatedQuote() {
    assertThatThrownBy(() -> CsvScanner.open(source("empty.csv", "")))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("empty");
    try (CsvScanner csv = CsvScanner.open(source("q.csv", "a,b\n1,2\n3,\"open\n"))) {
      csv.next();
      assertThatThrownBy(csv::next)
          .isInstanceOf(InputRejectedException.class)
          .hasMessageContaining("line 3")
          .hasMessageContaining("quoted field");
    }
  }

  @Test
  void equalRecordsHashEqual() {
    try (CsvScanner csv = CsvScanner.open(source("h.csv", "a,b\n1,2\n1,3\n1,2\r\n"))) {
      csv.next();
      long first = csv.recordHash();
      csv.next();
      long second = csv.recordHash();
      csv.next();
      long third = csv.recordHash();
      assertThat(first).isNotEqualTo(second).isEqualTo(third);
    }
  }

  @Test
  void quotedNumbersAndIdsParseLikeUnquotedOnes() {
    try (CsvScanner csv =
        CsvScanner.open(
            source(
                "q.csv", "\"id\",\"speed\",\"cell\"\n\"1017\",\"940.5\",\"882a100d2dfffff\"\n"))) {
      csv.next();
      assertThat(csv.digits(0)).isEqualTo(1017);
      assertThat(csv.number(1)).isEqualTo(940.5);
      assertThat(csv.hex(2)).isEqualTo(0x882a100d2dfffffL);
      assertThat(csv.header()).containsExactly("id", "speed", "cell");
    }
  }
}
