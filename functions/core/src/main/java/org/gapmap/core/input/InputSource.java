package org.gapmap.core.input;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.gapmap.core.model.UploadId;

/**
 * A named, re-readable source of bytes: a local file, a classpath resource or an object in a
 * bucket. Gzip and zip (the first file entry) are decompressed transparently by {@link
 * #openDecoded()}.
 */
public final class InputSource {
  /** Opens a fresh stream of the raw bytes each time it is called. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  /**
   * Most bytes a compressed input may expand to per raw byte (a decompression bomb expands far
   * more); inputs smaller than {@link #RATIO_FLOOR_BYTES} may always expand to that floor.
   */
  public static final long MAX_EXPANSION_RATIO = 100;

  /** Decoded bytes every compressed input may reach whatever its ratio: 64 MiB. */
  public static final long RATIO_FLOOR_BYTES = 64L << 20;

  private final String name;
  private final Opener opener;
  private final long size;
  private final long maxDecodedBytes;

  /**
   * @param name the name users know the input by (a file name), used in every message
   * @param opener opens the raw bytes
   * @param size raw size in bytes, or -1 if unknown
   */
  public InputSource(String name, Opener opener, long size) {
    this(name, opener, size, Long.MAX_VALUE);
  }

  private InputSource(String name, Opener opener, long size, long maxDecodedBytes) {
    this.name = Objects.requireNonNull(name, "name");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.size = size;
    this.maxDecodedBytes = maxDecodedBytes;
  }

  /**
   * The same input, but decompressing it fails with an {@link InputRejectedException} past {@code
   * maxDecodedBytes} (besides the {@link #MAX_EXPANSION_RATIO} that always applies).
   *
   * @throws IllegalArgumentException if {@code maxDecodedBytes} is not positive
   */
  public InputSource withDecodedLimit(long maxDecodedBytes) {
    if (maxDecodedBytes <= 0) {
      throw new IllegalArgumentException("maxDecodedBytes must be positive: " + maxDecodedBytes);
    }
    return new InputSource(name, opener, size, maxDecodedBytes);
  }

  /** Most decoded bytes a compressed form of this input may yield. */
  long decodedLimit() {
    long byRatio =
        size < 0 || size > Long.MAX_VALUE / MAX_EXPANSION_RATIO
            ? Long.MAX_VALUE
            : Math.max(RATIO_FLOOR_BYTES, size * MAX_EXPANSION_RATIO);
    return Math.min(byRatio, maxDecodedBytes);
  }

  public static InputSource of(Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new InputRejectedException(file.toString(), null, null, "cannot read file: " + e, e);
    }
    return new InputSource(file.toString(), () -> Files.newInputStream(file), size);
  }

  public String name() {
    return name;
  }

  public long size() {
    return size;
  }

  /** The raw bytes. */
  public InputStream openRaw() throws IOException {
    return opener.open();
  }

  /**
   * The content, gunzipped or unzipped when the bytes say it is compressed. A compressed input that
   * expands past {@link #MAX_EXPANSION_RATIO} times its size (at least {@link #RATIO_FLOOR_BYTES})
   * or past a {@linkplain #withDecodedLimit limit} is rejected while it is read.
   */
  public InputStream openDecoded() throws IOException {
    BufferedInputStream in = new BufferedInputStream(opener.open(), 1 << 16);
    in.mark(4);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    try {
      if (b0 == 0x1f && b1 == 0x8b) {
        return new DecodedLimitStream(
            new TruncationReportingStream(new GZIPInputStream(in, 1 << 16), name),
            name,
            decodedLimit());
      }
      if (b0 == 'P' && b1 == 'K') {
        ZipInputStream zip = new ZipInputStream(in);
        ZipEntry entry;
        while ((entry = nextEntry(zip)) != null) {
          if (!entry.isDirectory()) {
            return new DecodedLimitStream(
                new TruncationReportingStream(zip, name), name, decodedLimit());
          }
        }
        zip.close();
        throw new InputRejectedException(name, null, null, "zip archive holds no file");
      }
    } catch (EOFException | ZipException e) {
      // cut or corrupt before the first content byte (in the gzip header or the zip entry header)
      in.close();
      throw TruncationReportingStream.rejected(name, e);
    }
    return in;
  }

  /** The next entry of {@code zip}; rejects an entry header that cannot be read. */
  private ZipEntry nextEntry(ZipInputStream zip) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (IllegalArgumentException e) {
      // the entry's name is not valid in the archive's encoding (UTF-8)
      zip.close();
      throw new InputRejectedException(
          name, null, null, "corrupt zip archive: a file name in it is not valid UTF-8", e);
    }
  }

  /** The SHA-256 of the raw bytes: the upload's identity. */
  public UploadId contentHash() {
    try (InputStream in = new DigestInputStream(opener.open(), sha256())) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // reading feeds the digest
      }
      MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
      return new UploadId(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
