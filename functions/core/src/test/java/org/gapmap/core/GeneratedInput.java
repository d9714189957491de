package org.gapmap.core;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.gapmap.core.input.InputSource;

/**
 * A large input that exists only while it is read: {@code head}, then {@code filler} copies of one
 * byte, generated as the reader asks for them, counting how many it took. For tests of limits on
 * inputs too large to commit or to hold in memory. Not thread-safe.
 */
public final class GeneratedInput extends InputStream {
  private final byte[] head;
  private final byte fill;
  private final long length;
  private long served;

  public GeneratedInput(String head, byte fill, long filler) {
    this.head = head.getBytes(StandardCharsets.UTF_8);
    this.fill = fill;
    this.length = this.head.length + filler;
  }

  /** This stream as an input of unknown size named {@code name}; it can be opened once. */
  public InputSource source(String name) {
    return new InputSource(name, () -> this, -1);
  }

  /** Bytes handed out so far. */
  public long served() {
    return served;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (served >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - served);
    for (int i = 0; i < n; i++) {
      long at = served + i;
      b[off + i] = at < head.length ? head[(int) at] : fill;
    }
    served += n;
    return n;
  }
}
