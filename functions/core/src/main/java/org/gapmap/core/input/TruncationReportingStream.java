package org.gapmap.core.input;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Turns the end of a truncated or corrupt compressed stream into a clear rejection of the input.
 */
final class TruncationReportingStream extends FilterInputStream {
  private final String name;

  TruncationReportingStream(InputStream in, String name) {
    super(in);
    this.name = name;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (EOFException | ZipException e) {
      throw rejected(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (EOFException | ZipException e) {
      throw rejected(e);
    }
  }

  private InputRejectedException rejected(IOException e) {
    return rejected(name, e);
  }

  static InputRejectedException rejected(String name, IOException e) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new InputRejectedException(
        name, null, null, "compressed data is truncated or corrupt (" + detail + ")", e);
  }
}
