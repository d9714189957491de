package org.gapmap.core.aggregate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What one shard of an upload contributes: the per-neighborhood aggregates of the rows it read
 * (indexed by the region's neighborhoods in id order), the counters of its report (rows read, used,
 * outside, ...; their meaning is the reader's) and a few details for notes (examples, column
 * names). Partials of the same kind and region {@link #merge merge} exactly: counters add, counts
 * add, exact sums add without rounding ({@link ExactSum}), exact medians keep all values. The merge
 * of all shards' partials is what the unsharded read computes.
 *
 * <p>Serialized form ({@link #writeTo}, {@link #readFrom}), big-endian: the magic {@code GMPA}, the
 * format version ({@value #FORMAT_VERSION}), the kind, the neighborhood count, the counters, the
 * details, then the sections (availability, measurement groups, point counts, exact sums), each
 * slot of the availability, measurement and sum sections preceded by a presence byte. Version 1
 * (written before exact sums existed) is the same without the sum section; it is still read, as a
 * partial without sums, so partials written by the previous release merge with new ones.
 *
 * <p>Mutable and not thread-safe: each shard owns its partial until it hands it over.
 */
public final class PartialAggregate {
  /** The version of the serialized form this code writes and reads. */
  public static final int FORMAT_VERSION = 2;

  /** The oldest version of the serialized form {@link #readFrom} reads. */
  public static final int OLDEST_READABLE_VERSION = 1;

  private static final int MAGIC = 0x474D5041; // "GMPA"
  private static final int MAX_DETAILS = 10;
  private static final int MAX_NEIGHBORHOODS = 10_000_000;
  private static final int MAX_SECTION = 1024;

  private final String kind;
  private final int neighborhoods;
  private final long[] counters;
  private final List<String> details = new ArrayList<>();
  private final AvailabilityStats[] availability;
  private final MeasurementStats[][] measurements;
  private final long[] pointCounts;
  private final ExactSum[][] sums;

  private PartialAggregate(
      String kind,
      int neighborhoods,
      int counters,
      boolean availability,
      int groups,
      boolean points,
      int sums) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.neighborhoods = neighborhoods;
    this.counters = new long[counters];
    this.availability = new AvailabilityStats[availability ? neighborhoods : 0];
    this.measurements = new MeasurementStats[groups][neighborhoods];
    this.pointCounts = new long[points ? neighborhoods : 0];
    this.sums = new ExactSum[sums][neighborhoods];
  }

  /** A partial of availability aggregates ({@code bdc-fixed}). */
  public static PartialAggregate ofAvailability(String kind, int neighborhoods, int counters) {
    return new PartialAggregate(kind, neighborhoods, counters, true, 0, false, 0);
  }

  /** A partial of {@code groups} measurement aggregates per neighborhood. */
  public static PartialAggregate ofMeasurements(
      String kind, int neighborhoods, int counters, int groups) {
    return new PartialAggregate(kind, neighborhoods, counters, false, groups, false, 0);
  }

  /** A partial of point counts per neighborhood. */
  public static PartialAggregate ofPoints(String kind, int neighborhoods, int counters) {
    return new PartialAggregate(kind, neighborhoods, counters, false, 0, true, 0);
  }

  /**
   * A partial of {@code sums} exact sums per neighborhood (covered areas per tier of {@code
   * mobile-h3}, weighted sums of {@code tiles}).
   */
  public static PartialAggregate ofSums(String kind, int neighborhoods, int counters, int sums) {
    return new PartialAggregate(kind, neighborhoods, counters, false, 0, false, sums);
  }

  public String kind() {
    return kind;
  }

  public int neighborhoods() {
    return neighborhoods;
  }

  /** Counter {@code i}. */
  public long counter(int i) {
    return counters[i];
  }

  /** Adds {@code delta} to counter {@code i}. */
  public void count(int i, long delta) {
    counters[i] += delta;
  }

  /** Details for notes, at most ten, in shard order. */
  public List<String> details() {
    return List.copyOf(details);
  }

  /** Adds a detail unless ten are kept already. */
  public void detail(String text) {
    if (details.size() < MAX_DETAILS) {
      details.add(Objects.requireNonNull(text, "text"));
    }
  }

  /** The availability aggregate of neighborhood {@code n}, created on first use. */
  public AvailabilityStats availability(int n) {
    if (availability[n] == null) {
      availability[n] = new AvailabilityStats();
    }
    return availability[n];
  }

  /** Whether neighborhood {@code n} has an availability aggregate. */
  public boolean hasAvailability(int n) {
    return availability.length > 0 && availability[n] != null;
  }

  /** The measurement aggregate of group {@code g} and neighborhood {@code n}, created on use. */
  public MeasurementStats measurements(int g, int n) {
    if (measurements[g][n] == null) {
      measurements[g][n] = new MeasurementStats();
    }
    return measurements[g][n];
  }

  /** Whether group {@code g} has an aggregate for neighborhood {@code n}. */
  public boolean hasMeasurements(int g, int n) {
    return measurements[g][n] != null;
  }

  /** The number of points in neighborhood {@code n}. */
  public long points(int n) {
    return pointCounts[n];
  }

  /** Counts one more point in neighborhood {@code n}. */
  public void addPoint(int n) {
    pointCounts[n]++;
  }

  /** Exact sum {@code s} of neighborhood {@code n}, created (zero) on first use. */
  public ExactSum sum(int s, int n) {
    if (sums[s][n] == null) {
      sums[s][n] = new ExactSum();
    }
    return sums[s][n];
  }

  /** Whether sum {@code s} of neighborhood {@code n} was ever used (possibly adding only zeros). */
  public boolean hasSum(int s, int n) {
    return sums[s][n] != null;
  }

  /**
   * Adds everything of {@code other} (unchanged) to this partial.
   *
   * @throws IllegalArgumentException if {@code other} is of another kind or shape
   */
  public void merge(PartialAggregate other) {
    if (!kind.equals(other.kind)
        || neighborhoods != other.neighborhoods
        || counters.length != other.counters.length
        || availability.length != other.availability.length
        || measurements.length != other.measurements.length
        || pointCounts.length != other.pointCounts.length
        || sums.length != other.sums.length) {
      throw new IllegalArgumentException(
          "cannot merge a " + other.kind + " partial into a " + kind + " partial of another shape");
    }
    for (int i = 0; i < counters.length; i++) {
      counters[i] += other.counters[i];
    }
    for (String d : other.details) {
      detail(d);
    }
    for (int n = 0; n < availability.length; n++) {
      if (other.availability[n] != null) {
        availability(n).merge(other.availability[n]);
      }
    }
    for (int g = 0; g < measurements.length; g++) {
      for (int n = 0; n < neighborhoods; n++) {
        if (other.measurements[g][n] != null) {
          measurements(g, n).merge(other.measurements[g][n]);
        }
      }
    }
    for (int n = 0; n < pointCounts.length; n++) {
      pointCounts[n] += other.pointCounts[n];
    }
    for (int s = 0; s < sums.length; s++) {
      for (int n = 0; n < neighborhoods; n++) {
        if (other.sums[s][n] != null) {
          sum(s, n).merge(other.sums[s][n]);
        }
      }
    }
  }

  /** Writes the serialized form; {@code out} is flushed, not closed. */
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeShort(FORMAT_VERSION);
    data.writeUTF(kind);
    data.writeInt(neighborhoods);
    data.writeInt(counters.length);
    for (long c : counters) {
      data.writeLong(c);
    }
    data.writeInt(details.size());
    for (String d : details) {
      data.writeUTF(d);
    }
    data.writeBoolean(availability.length > 0);
    for (AvailabilityStats s : availability) {
      data.writeBoolean(s != null);
      if (s != null) {
        s.writeTo(data);
      }
    }
    data.writeInt(measurements.length);
    for (MeasurementStats[] group : measurements) {
      for (MeasurementStats s : group) {
        data.writeBoolean(s != null);
        if (s != null) {
          s.writeTo(data);
        }
      }
    }
    data.writeBoolean(pointCounts.length > 0);
    for (long c : pointCounts) {
      data.writeLong(c);
    }
    data.writeInt(sums.length);
    for (ExactSum[] group : sums) {
      for (ExactSum s : group) {
        data.writeBoolean(s != null);
        if (s != null) {
          s.writeTo(data);
        }
      }
    }
    data.flush();
  }

  /**
   * Reads what {@link #writeTo} wrote, in this format version or an older readable one.
   *
   * @throws IOException if the bytes are not a partial or of a version this code does not read
   */
  public static PartialAggregate readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a gapmap partial aggregate");
    }
    int version = data.readUnsignedShort();
    if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
      throw new IOException(
          "partial aggregate format version "
              + version
              + "; this code reads versions "
              + OLDEST_READABLE_VERSION
              + " to "
              + FORMAT_VERSION);
    }
    String kind = data.readUTF();
    int neighborhoods = size(data, "neighborhoods", MAX_NEIGHBORHOODS);
    long[] counters = new long[size(data, "counters", MAX_SECTION)];
    for (int i = 0; i < counters.length; i++) {
      counters[i] = data.readLong();
    }
    List<String> details = new ArrayList<>();
    int detailCount = size(data, "details", MAX_DETAILS);
    for (int i = 0; i < detailCount; i++) {
      details.add(data.readUTF());
    }
    boolean hasAvailability = data.readBoolean();
    AvailabilityStats[] availability = new AvailabilityStats[hasAvailability ? neighborhoods : 0];
    for (int n = 0; n < availability.length; n++) {
      availability[n] = data.readBoolean() ? AvailabilityStats.readFrom(data) : null;
    }
    int groups = size(data, "measurement groups", MAX_SECTION);
    MeasurementStats[][] measurements = new MeasurementStats[groups][neighborhoods];
    for (int g = 0; g < groups; g++) {
      for (int n = 0; n < neighborhoods; n++) {
        measurements[g][n] = data.readBoolean() ? MeasurementStats.readFrom(data) : null;
      }
    }
    boolean hasPoints = data.readBoolean();
    long[] points = new long[hasPoints ? neighborhoods : 0];
    for (int n = 0; n < points.length; n++) {
      points[n] = data.readLong();
    }
    int sumCount = version >= 2 ? size(data, "sums", MAX_SECTION) : 0;
    PartialAggregate p =
        new PartialAggregate(
            kind, neighborhoods, counters.length, hasAvailability, groups, hasPoints, sumCount);
    System.arraycopy(counters, 0, p.counters, 0, counters.length);
    p.details.addAll(details);
    System.arraycopy(availability, 0, p.availability, 0, availability.length);
    for (int g = 0; g < groups; g++) {
      p.measurements[g] = measurements[g];
    }
    System.arraycopy(points, 0, p.pointCounts, 0, points.length);
    for (int s = 0; s < sumCount; s++) {
      for (int n = 0; n < neighborhoods; n++) {
        p.sums[s][n] = data.readBoolean() ? ExactSum.readFrom(data) : null;
      }
    }
    return p;
  }

  /** A count from the stream, refused when negative or beyond {@code max} (corrupt bytes). */
  private static int size(DataInputStream data, String what, int max) throws IOException {
    int n = data.readInt();
    if (n < 0 || n > max) {
      throw new IOException("partial aggregate with " + n + " " + what + " (at most " + max + ")");
    }
    return n;
  }

  @Override
  public String toString() {
    return "PartialAggregate[" + kind + ", counters=" + Arrays.toString(counters) + "]";
  }
}
