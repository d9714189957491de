package org.gapmap.core.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Drops a leading UTF-8 byte-order mark, which spreadsheet exports put before the first header
 * name.
 */
final class ByteOrderMarkSkipper extends PushbackInputStream {
  private boolean checked;

  ByteOrderMarkSkipper(InputStream in) {
    super(in, 3);
  }

  private void skipMark() throws IOException {
    if (checked) {
      return;
    }
    checked = true;
    byte[] head = new byte[3];
    int n = 0;
    while (n < 3) {
      int r = super.read(head, n, 3 - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    boolean bom =
        n == 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf;
    if (!bom && n > 0) {
      unread(head, 0, n);
    }
  }

  @Override
  public int read() throws IOException {
    skipMark();
    return super.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    skipMark();
    return super.read(b, off, len);
  }
}
