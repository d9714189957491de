package org.gapmap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.gapmap.core.input.InputRejectedException;
import org.junit.jupiter.api.Test;

/** The fuzz tests' judge of rejection messages must itself tell words from Java internals. */
class ReadsOrRejectsTest {
  @Test
  void qualifiedExceptionNamesAndStackFramesAreInternals() {
    assertThat(
            ReadsOrRejects.javaInternals(
                "x.csv: line 1: cannot read CSV: org.apache.commons.csv.CSVException: bad"))
        .containsExactly("org.apache.commons.csv.CSVException");
    assertThat(ReadsOrRejects.javaInternals("x.fgb: corrupt: java.lang.OutOfMemoryError"))
        .containsExactly("java.lang.OutOfMemoryError");
    assertThat(
            ReadsOrRejects.javaInternals(
                "x.csv: boom\n\tat org.gapmap.core.input.CsvScanner.next(CsvScanner.java:12)"))
        .containsExactly("org.gapmap.core.input.CsvScanner.next");
  }

  @Test
  void wordsAndQuotedValuesAreNot() {
    assertThat(
            ReadsOrRejects.javaInternals(
                "x.csv: line 2, column 'id\tat -1': field 1 is longer than 64 bytes"))
        .isEmpty();
    assertThat(ReadsOrRejects.javaInternals("x.csv: found \"Exception\" at 3 (a value)")).isEmpty();
    assertThat(
            ReadsOrRejects.javaInternals(
                "x.geojson: feature 1: invalid geometry: Points of LinearRing do not form a closed"
                    + " linestring"))
        .isEmpty();
  }

  @Test
  void aClassNameQuotedFromTheInputIsNoFault() {
    byte[] input = "f. w.Errorls_FException,b\n".getBytes(StandardCharsets.UTF_8);
    ReadsOrRejects.requireClear(
        "x.csv",
        input,
        new InputRejectedException(
            "x.csv", "line 1", "a", "the header has: f. w.Errorls_FException, b"));
    assertThatThrownBy(
            () ->
                ReadsOrRejects.requireClear(
                    "x.csv",
                    input,
                    new InputRejectedException(
                        "x.csv", "line 1", null, "cannot read: java.io.IOException: boom")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Java internals");
  }
}
