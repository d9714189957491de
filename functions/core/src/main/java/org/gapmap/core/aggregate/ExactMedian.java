package org.gapmap.core.aggregate;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * An exact median over all values added, mergeable: it keeps the values. The median is the one
 * PostgreSQL's {@code percentile_cont(0.5)} gives: the middle value, or for an even count {@code lo
 * + (hi - lo) * 0.5} of the two middle values (that formula, not {@code (lo + hi) / 2}, so the
 * results agree to the last bit).
 *
 * <p>Mutable and not thread-safe.
 */
public final class ExactMedian {
  private double[] values = new double[8];
  private int size;
  private boolean sorted = true;

  /** Adds a finite value. */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("median of a non-finite value: " + value);
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
    sorted = false;
  }

  /** Adds every value of {@code other}; {@code other} is unchanged. */
  public void merge(ExactMedian other) {
    if (other.size == 0) {
      return;
    }
    if (size + other.size > values.length) {
      values = Arrays.copyOf(values, Math.max(size + other.size, values.length * 2));
    }
    System.arraycopy(other.values, 0, values, size, other.size);
    size += other.size;
    sorted = false;
  }

  /** How many values were added. */
  public int count() {
    return size;
  }

  /** The median; empty when no value was added. */
  public OptionalDouble median() {
    if (size == 0) {
      return OptionalDouble.empty();
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    if (size % 2 == 1) {
      return OptionalDouble.of(values[size / 2]);
    }
    double lo = values[size / 2 - 1];
    double hi = values[size / 2];
    return OptionalDouble.of(lo + (hi - lo) * 0.5);
  }

  /** Writes the values (count, then each as an IEEE 754 double) for {@link #readFrom}. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeDouble(values[i]);
    }
  }

  /** Reads what {@link #writeTo} wrote. */
  public static ExactMedian readFrom(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative value count " + n);
    }
    ExactMedian m = new ExactMedian();
    m.values = new double[Math.max(8, n)];
    for (int i = 0; i < n; i++) {
      m.values[i] = in.readDouble();
    }
    m.size = n;
    m.sorted = false;
    return m;
  }
}
