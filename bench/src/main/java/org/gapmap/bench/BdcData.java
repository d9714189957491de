package org.gapmap.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates an FCC BDC fixed availability file of a given size with the real column layout. Each
 * location has one to eight provider rows, written in eight passes over all locations, so the rows
 * of one location lie far apart in the file (as in real files). About 10 % of rows are business
 * only, 2 % of locations lie in tracts outside the region, and a few rows repeat exactly or with
 * other speeds. Every value derives from a hash of the location and pass, so nothing is kept in
 * memory. Stateless.
 */
final class BdcData {
  static final String HEADER =
      "frn,provider_id,brand_name,location_id,technology,max_advertised_download_speed,"
          + "max_advertised_upload_speed,low_latency,business_residential_code,state_usps,"
          + "block_geoid,h3_res8_id\n";

  private static final int[] TECHNOLOGIES = {10, 40, 40, 50, 50, 60, 61, 70, 71, 72, 0};
  private static final String[][] SPEEDS = {
    {"1000", "1000"}, {"940", "880"}, {"300", "20"}, {"300", "10"}, {"100", "20"}, {"100", "10"},
    {"50", "5"}, {"25", "3"}, {"25", "2"}, {"10", "1"}, {"0.2", "0.2"}, {"2000", "2000"}
  };
  private static final int[] PROVIDERS = {
    130077, 130235, 131425, 190233, 290111, 130627, 131310, 130403, 190098, 290005, 130360, 190212
  };

  private BdcData() {}

  /** Writes about {@code bytes} bytes; returns the number of data rows. */
  static long write(Path file, long bytes, List<String> tracts, long seed) throws IOException {
    long locations = Math.max(1, bytes / 112 / 4);
    long rows = 0;
    long written = HEADER.length();
    try (BufferedWriter out =
        new BufferedWriter(
            new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
            1 << 20)) {
      out.write(HEADER);
      StringBuilder b = new StringBuilder(160);
      for (int pass = 0; pass < 8; pass++) {
        for (long loc = 0; loc < locations; loc++) {
          long h = mix(seed ^ loc * 0x9E3779B97F4A7C15L);
          int providerCount = 1 + (int) ((h >>> 8) % 8);
          if (pass >= providerCount) {
            continue;
          }
          long r = mix(h ^ (pass + 1) * 0xC2B2AE3D27D4EB4FL);
          String tract =
              (h & 63) == 0 ? "36001000100" : tracts.get((int) ((h >>> 16) % tracts.size()));
          String block = tract + (1000 + (h >>> 40) % 3000);
          int provider = PROVIDERS[(int) ((r >>> 4) % PROVIDERS.length)];
          int tech = TECHNOLOGIES[(int) ((r >>> 12) % TECHNOLOGIES.length)];
          String[] speed = SPEEDS[(int) ((r >>> 20) % SPEEDS.length)];
          int lowLatency = tech == 60 || (r >>> 28) % 10 == 0 ? 0 : 1;
          long code = (h >>> 32) % 20;
          String brc = code < 2 ? "B" : code < 3 ? "X" : "R";
          b.setLength(0);
          b.append("0001234567,")
              .append(provider)
              .append(",\"Provider ")
              .append(provider)
              .append(", Inc.\",")
              .append(1_000_000_000L + loc * 3)
              .append(',')
              .append(tech)
              .append(',')
              .append(speed[0])
              .append(',')
              .append(speed[1])
              .append(',')
              .append(lowLatency)
              .append(',')
              .append(brc)
              .append(",NY,")
              .append(block)
              .append(",882a100d2dfffff\n");
          out.append(b);
          rows++;
          written += b.length();
          long dup = (r >>> 36) % 1000;
          if (dup == 0) {
            out.append(b); // an exact duplicate
            rows++;
            written += b.length();
          } else if (dup == 1) {
            // the same location, provider and technology with other speeds
            String other = b.toString().replace("," + speed[0] + "," + speed[1] + ",", ",1,0.5,");
            out.append(other);
            rows++;
            written += other.length();
          }
          if (written >= bytes) {
            return rows;
          }
        }
      }
    }
    return rows;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
