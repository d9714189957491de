package org.gapmap.core.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Rejects decompressed content once it passes a byte limit: the guard against gzip and zip bombs.
 * Not thread-safe, like the stream it wraps.
 */
final class DecodedLimitStream extends FilterInputStream {
  private final String name;
  private final long limit;
  private long count;

  DecodedLimitStream(InputStream in, String name, long limit) {
    super(in);
    this.name = name;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    if (skipped > 0) {
      counted(skipped);
    }
    return skipped;
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      throw new InputRejectedException(
          name,
          null,
          null,
          "compressed content expands past "
              + limit
              + " bytes: refused as a possible decompression bomb");
    }
  }
}
