package org.gapmap.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes a JSON document to UTF-8 bytes with a streaming generator. Stateless and thread-safe. */
final class JsonDocuments {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** The body of a document, written to the generator. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonDocuments() {}

  /** The bytes of the document {@code body} writes. */
  static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON document", e);
    }
    return out.toByteArray();
  }

  /** The text of the document {@code body} writes. */
  static String writeString(Body body) {
    return new String(write(body), java.nio.charset.StandardCharsets.UTF_8);
  }
}
