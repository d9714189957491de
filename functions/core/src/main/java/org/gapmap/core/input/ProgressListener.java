package org.gapmap.core.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Told how far a long read has got, so a front end can show progress. Called from the reading
 * thread.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (read, total) -> {};

  /**
   * @param bytesRead raw bytes read so far
   * @param totalBytes raw size, or -1 if unknown
   */
  void progress(long bytesRead, long totalBytes);

  /** {@code input} whose raw reads report to this listener. */
  default InputSource observing(InputSource input) {
    if (this == NONE) {
      return input;
    }
    return new InputSource(
        input.name(), () -> new Counting(input.openRaw(), this, input.size()), input.size());
  }

  /** Counts bytes as they are read. */
  final class Counting extends FilterInputStream {
    private final ProgressListener listener;
    private final long total;
    private long read;

    Counting(InputStream in, ProgressListener listener, long total) {
      super(in);
      this.listener = listener;
      this.total = total;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        listener.progress(++read, total);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        read += n;
        listener.progress(read, total);
      }
      return n;
    }
  }
}
