package org.gapmap.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.gapmap.core.input.InputRejectedException;

/**
 * The property the fuzz tests check of every reader: any input is either read or rejected with an
 * {@link InputRejectedException} that names the file and says what is wrong in words, without Java
 * exception class names or stack frames that the input did not contain itself (a rejection may
 * quote the input). Any other exception or error (a {@code NullPointerException}, an {@code
 * ArrayIndexOutOfBoundsException}, running out of memory or stack) escapes and is a finding.
 */
public final class ReadsOrRejects {
  private ReadsOrRejects() {}

  /**
   * Runs {@code read}, which reads {@code data} as an input named {@code source}, and checks the
   * property.
   */
  public static void check(String source, byte[] data, Runnable read) {
    try {
      read.run();
    } catch (InputRejectedException e) {
      requireClear(source, data, e);
    }
  }

  /** Fails unless {@code e} names {@code source} and explains itself without Java internals. */
  static void requireClear(String source, byte[] data, InputRejectedException e) {
    String message = e.getMessage();
    if (!source.equals(e.source()) || !message.startsWith(source + ": ")) {
      throw new AssertionError("the rejection does not name the file: " + message, e);
    }
    if (e.reason() == null || e.reason().isBlank()) {
      throw new AssertionError("the rejection gives no reason: " + message, e);
    }
    List<String> internals = javaInternals(message);
    if (!internals.isEmpty()) {
      String input = decoded(source, data);
      for (String token : internals) {
        if (!input.contains(token)) {
          throw new AssertionError("the rejection shows Java internals: " + message, e);
        }
      }
    }
  }

  /**
   * The qualified exception class names ({@code java.io.IOException}) and stack frames ({@code at
   * org.gapmap.Foo.bar(}) in {@code message}. A scan rather than a regular expression: rejections
   * may quote a megabyte of the input, and a backtracking pattern over that is slow enough to look
   * like a hang.
   */
  static List<String> javaInternals(String message) {
    List<String> found = new ArrayList<>();
    for (String suffix : new String[] {"Exception", "Error"}) {
      for (int at = message.indexOf(suffix); at >= 0; at = message.indexOf(suffix, at + 1)) {
        int start = at;
        while (start > 0 && isNamePart(message.charAt(start - 1))) {
          start--;
        }
        String name = message.substring(start, at + suffix.length());
        if (isQualifiedClassName(name)) {
          found.add(name);
        }
      }
    }
    for (int at = message.indexOf("at "); at >= 0; at = message.indexOf("at ", at + 1)) {
      int end = at + 3;
      while (end < message.length() && isNamePart(message.charAt(end))) {
        end++;
      }
      String method = message.substring(at + 3, end);
      if (end < message.length()
          && message.charAt(end) == '('
          && method.chars().filter(c -> c == '.').count() >= 2) {
        found.add(method);
      }
    }
    return found;
  }

  /** The input as the reader saw it (decompressed), as text, up to 16 MiB. */
  private static String decoded(String source, byte[] data) {
    try (InputStream in = TestInputs.source(source, data).openDecoded()) {
      return new String(in.readNBytes(16 << 20), StandardCharsets.ISO_8859_1)
          + new String(data, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return new String(data, StandardCharsets.ISO_8859_1);
    }
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
  }

  /** {@code a.b.SomeException}: lower-case packages, then a capitalised class. */
  private static boolean isQualifiedClassName(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length < 2 || parts[parts.length - 1].isEmpty()) {
      return false;
    }
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].isEmpty() || !Character.isLowerCase(parts[i].charAt(0))) {
        return false;
      }
    }
    return Character.isUpperCase(parts[parts.length - 1].charAt(0));
  }
}
