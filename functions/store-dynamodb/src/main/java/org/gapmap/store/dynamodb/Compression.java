package org.gapmap.store.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/** Deflate compression of binary attributes. Stateless. */
final class Compression {
  private Compression() {}

  static byte[] deflate(byte[] raw) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 16);
    try (OutputStream out = new DeflaterOutputStream(compressed)) {
      out.write(raw);
    } catch (IOException e) {
      throw new DynamoDbStoreException("could not compress " + raw.length + " bytes", e);
    }
    return compressed.toByteArray();
  }

  static byte[] inflate(byte[] compressed, String what) {
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new DynamoDbStoreException("stored " + what + " is not valid compressed data", e);
    }
  }
}
