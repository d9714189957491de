package org.gapmap.core.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A sum of finite doubles kept exactly, so that neither the order in which values are added nor how
 * partial sums are grouped and merged changes it: the sum of an upload read in shards is the sum of
 * the upload read whole, bit for bit, where a {@code double} accumulator could differ in its last
 * bits (floating-point addition is not associative). Every double is a finite binary fraction, so a
 * {@link BigDecimal} holds it and any sum of them without rounding; {@link #value()} rounds the
 * exact sum to a double once, at the end.
 *
 * <p>Mutable and not thread-safe.
 */
public final class ExactSum {
  /** The longest unscaled value {@link #readFrom} accepts, in bytes (far beyond any real sum). */
  private static final int MAX_BYTES = 4096;

  private BigDecimal sum = BigDecimal.ZERO;

  /**
   * Adds {@code value}.
   *
   * @throws IllegalArgumentException if it is NaN or infinite
   */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("cannot add a non-finite value: " + value);
    }
    if (value != 0) {
      sum = sum.add(new BigDecimal(value));
    }
  }

  /** Adds the sum of {@code other} (unchanged). */
  public void merge(ExactSum other) {
    sum = sum.add(other.sum);
  }

  /** The exact sum rounded to the nearest double. */
  public double value() {
    return sum.doubleValue();
  }

  /** Writes the exact sum for {@link #readFrom}: its scale and unscaled two's-complement bytes. */
  public void writeTo(DataOutput out) throws IOException {
    byte[] unscaled = sum.unscaledValue().toByteArray();
    out.writeInt(sum.scale());
    out.writeInt(unscaled.length);
    out.write(unscaled);
  }

  /**
   * Reads what {@link #writeTo} wrote.
   *
   * @throws IOException if the length is not plausible
   */
  public static ExactSum readFrom(DataInput in) throws IOException {
    int scale = in.readInt();
    int length = in.readInt();
    if (length < 1 || length > MAX_BYTES) {
      throw new IOException("exact sum of " + length + " bytes");
    }
    byte[] unscaled = new byte[length];
    in.readFully(unscaled);
    ExactSum s = new ExactSum();
    s.sum = new BigDecimal(new BigInteger(unscaled), scale);
    return s;
  }

  @Override
  public String toString() {
    return sum.toString();
  }
}
