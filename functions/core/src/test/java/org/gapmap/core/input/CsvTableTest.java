package org.gapmap.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gapmap.core.TestInputs.gzip;
import static org.gapmap.core.TestInputs.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
  /**
   * The header and first rows of the NYC mobile telecom pole file: its third header cell ends in a
   * space.
   */
  private static final String POLE_FILE =
      """
      Id,Reservation Date,Franchisee Name ,Pole Class,Borough,X Coord.,Y Coord.,Latitude,Longitude,Zone,On street,Cross street 1,Cross street 2,Park Advisory,Historic Landmark Advisory,Scenic Landmark Advisory,BID Advisory,School Advisory,Construction Completed? (Y/N),Zipcode,Community Board,Council District
      17638,12/29/2017,Extenet II,CITY,Brooklyn,989062,160733,40.6078500,-73.9826700,B,Ave P,W 9th St,W 10th St,,,,,,N,11204,311,44
      16823,01/08/2018,Mobilitie II,CITY,Brooklyn,991172,162849,40.6136570,-73.9750680,B,Dahill Road,61st Street,24th Avenue,,,,,,Y,11204,311,44
      """;

  private static List<CsvTable.Row> rows(CsvTable table) {
    List<CsvTable.Row> rows = new ArrayList<>();
    table.forEach(rows::add);
    return rows;
  }

  @Test
  void byteOrderMarkIsDroppedFromTheFirstHeader() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    byte[] body = "NTA Code,Name\nBK09,Brooklyn Heights\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(bom, bom.length + body.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);

    try (CsvTable table = CsvTable.open(source("bom.csv", bytes))) {
      assertThat(table.header()).containsExactly("NTA Code", "Name");
      assertThat(table.column("nta code")).contains(0);
      assertThat(rows(table).get(0).get(0)).isEqualTo("BK09");
    }
  }

  @Test
  void fileWithoutByteOrderMarkKeepsItsFirstBytes() {
    try (CsvTable table = CsvTable.open(source("plain.csv", "ab,c\n1,2\n"))) {
      assertThat(table.header()).containsExactly("ab", "c");
    }
  }

  @Test
  void quotedHeaderCellWithLineBreaksIsMatchedByItsOneLineName() {
    String csv =
        "id,\"Optimal for Unlicensed\nMillimeter Wave Fixed Wireless Access as a Residential\n"
            + "Broadband Solution\",Estimated number of radio sites for CBRS coverage\n"
            + "BK09,High,174\n";

    try (CsvTable table = CsvTable.open(source("wrapped.csv", csv))) {
      assertThat(
              table.column(
                  "Optimal for Unlicensed Millimeter Wave Fixed Wireless Access as a Residential"
                      + " Broadband Solution"))
          .contains(1);
      assertThat(table.column("optimal for unlicensed millimeter wave")).isEmpty();
      assertThat(table.column("ESTIMATED NUMBER OF RADIO SITES FOR CBRS COVERAGE")).contains(2);
    }
  }

  @Test
  void headerWithTrailingSpaceIsMatchedWithoutIt() {
    try (CsvTable table = CsvTable.open(source("poles.csv", POLE_FILE))) {
      assertThat(table.column("Franchisee Name")).contains(2);
      assertThat(table.firstPresent(List.of("Operator", "Franchisee Name")))
          .contains("Franchisee Name");
      assertThat(table.header()).contains("Franchisee Name").doesNotContain("Franchisee Name ");
      assertThat(rows(table))
          .extracting(r -> r.get(2))
          .containsExactly("Extenet II", "Mobilitie II");
    }
  }

  @Test
  void requireColumnRejectsNamingTheColumnAndTheHeader() {
    try (CsvTable table = CsvTable.open(source("poles.csv", POLE_FILE))) {
      assertThatThrownBy(() -> table.requireColumn("Lat", "latitude"))
          .isInstanceOf(InputRejectedException.class)
          .hasMessageContaining("poles.csv")
          .hasMessageContaining("column 'Lat'")
          .hasMessageContaining("needed for latitude")
          .hasMessageContaining("Franchisee Name, Pole Class");
    }
  }

  @Test
  void rowAfterAMultiLineQuotedCellHasItsOwnStartLine() {
    String csv =
        "id,findings\n"
            + "BK19,NONE\n"
            + "BK21,\"Low make-ready requirements.\nArea suitable for fixed wireless.\"\n"
            + "BK23,NONE\n";

    try (CsvTable table = CsvTable.open(source("findings.csv", csv))) {
      List<CsvTable.Row> rows = rows(table);

      assertThat(rows).extracting(CsvTable.Row::line).containsExactly(2L, 3L, 5L);
      assertThat(rows.get(1).get(1)).contains("\n");
      assertThat(rows.get(2).get(0)).isEqualTo("BK23");
    }
  }

  @Test
  void rowsAfterAMultiLineHeaderStartOnTheRightLine() {
    String csv = "id,\"Optimal for\nMillimeter Wave\nBroadband\"\nBK09,YES\nBK17,NO\n";

    try (CsvTable table = CsvTable.open(source("wrapped.csv", csv))) {
      assertThat(rows(table)).extracting(CsvTable.Row::line).containsExactly(4L, 5L);
    }
  }

  @Test
  void shortRowReadsBlankCells() {
    try (CsvTable table = CsvTable.open(source("short.csv", "a,b,c\n1\n"))) {
      CsvTable.Row row = rows(table).get(0);
      assertThat(row.get(0)).isEqualTo("1");
      assertThat(row.get(2)).isEmpty();
    }
  }

  @Test
  void gzipInputIsReadTransparently(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("poles.csv.gz");
    Files.write(file, gzip(POLE_FILE));

    try (CsvTable table = CsvTable.open(InputSource.of(file))) {
      assertThat(table.column("Latitude")).contains(7);
      assertThat(rows(table)).extracting(r -> r.get(7)).containsExactly("40.6078500", "40.6136570");
    }
  }

  @Test
  void truncatedGzipIsRejectedAsTruncated() {
    StringBuilder csv = new StringBuilder("id,value\n");
    for (int i = 0; i < 5000; i++) {
      csv.append("row").append(i).append(',').append((i * 7919L) % 104729).append('\n');
    }
    byte[] whole = gzip(csv.toString());
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(
            () -> {
              try (CsvTable table = CsvTable.open(source("big.csv.gz", cut))) {
                rows(table);
              }
            })
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("big.csv.gz")
        .hasMessageContaining("truncated");
  }

  @Test
  void gzipCutInsideItsHeaderIsRejectedAsTruncated() {
    byte[] cut = Arrays.copyOf(gzip("id,value\n1,2\n"), 5);

    assertThatThrownBy(() -> CsvTable.open(source("tiny.csv.gz", cut)).close())
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("tiny.csv.gz")
        .hasMessageContaining("truncated");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> CsvTable.open(source("empty.csv", new byte[0])))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("empty");
  }

  @Test
  void fileWithOnlyAByteOrderMarkIsRejectedAsEmpty() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    assertThatThrownBy(() -> CsvTable.open(source("bom-only.csv", bom)))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("empty");
  }
}
