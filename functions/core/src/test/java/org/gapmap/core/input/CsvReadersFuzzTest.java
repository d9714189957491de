package org.gapmap.core.input;

import static org.gapmap.core.TestInputs.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.gapmap.core.ReadsOrRejects;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz tests of the two CSV readers (see {@link ReadsOrRejects} for the property, and {@code
 * docs/security.md} for how to run them). Limits are small here so that the fuzzer's inputs of a
 * few KiB reach them; the code that enforces them is the same at any size. Seeds: {@code
 * CsvReadersFuzzTestInputs/<method>/} in the test resources.
 */
class CsvReadersFuzzTest {
  private static final CsvLimits LIMITS = new CsvLimits(64, 256);

  /**
   * Fields of the first records also read as numbers: a refusal is an exception with a stack trace,
   * and a few fields cover the number parsing as well as all of them would, at a fraction of the
   * time (the upload readers' fuzz tests parse every field they use).
   */
  private static final int NUMERIC_FIELDS = 4;

  /** Reads every field of every record in every form the readers ask for. */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void scanner(byte[] data) {
    ReadsOrRejects.check(
        "fuzz.csv",
        data,
        () -> {
          try (CsvScanner csv = CsvScanner.open(source("fuzz.csv", data), LIMITS)) {
            csv.column("latitude");
            csv.copyHeader(OutputStream.nullOutputStream());
            for (int record = 0; csv.next(); record++) {
              csv.recordHash();
              csv.copyRecord(OutputStream.nullOutputStream());
              for (int i = 0; i <= csv.size(); i++) {
                readField(csv, i, record < NUMERIC_FIELDS && i < NUMERIC_FIELDS);
              }
            }
          } catch (java.io.IOException e) {
            throw new AssertionError("writing to a null stream failed", e);
          }
        });
  }

  /**
   * The accessors of one field: text, bytes, and, if {@code numeric}, numbers (which may say it is
   * not one).
   */
  private static void readField(CsvScanner csv, int i, boolean numeric) {
    csv.string(i);
    csv.isBlank(i);
    csv.fieldHash(i);
    for (int k = 0; k < csv.length(i); k++) {
      csv.byteAt(i, k);
    }
    if (!numeric) {
      return;
    }
    try {
      csv.number(i);
    } catch (NumberFormatException e) {
      // documented: the callers reject the file naming the column
    }
    try {
      csv.digits(i);
    } catch (NumberFormatException e) {
      // documented
    }
    try {
      csv.hex(i);
    } catch (NumberFormatException e) {
      // documented
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void table(byte[] data) {
    ReadsOrRejects.check(
        "fuzz.csv",
        data,
        () -> {
          try (CsvTable table = CsvTable.open(source("fuzz.csv", data), LIMITS)) {
            table.column("latitude");
            table.header();
            for (CsvTable.Row row : table) {
              for (int i = 0; i <= row.values().size(); i++) {
                row.get(i);
              }
            }
          }
        });
  }
}
