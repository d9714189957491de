package org.gapmap.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.gapmap.core.input.InputSource;
import org.gapmap.ingest.StoredObject;
import org.gapmap.ingest.UploadBucket;

/**
 * An {@link UploadBucket} on a local directory: object {@code key} of bucket {@code b} is the file
 * {@code root/b/key}; metadata is set by the test. Thread-safe.
 */
public final class LocalUploadBucket implements UploadBucket {
  private final Path root;
  private final Map<String, Map<String, String>> metadata = new ConcurrentHashMap<>();

  public LocalUploadBucket(Path root) {
    this.root = root;
  }

  /** Puts {@code content} at {@code key} with user metadata. */
  public void put(String bucket, String key, byte[] content, Map<String, String> userMetadata)
      throws IOException {
    Path file = file(bucket, key);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    metadata.put(bucket + "/" + key, Map.copyOf(userMetadata));
  }

  public byte[] read(String bucket, String key) throws IOException {
    return Files.readAllBytes(file(bucket, key));
  }

  public boolean exists(String bucket, String key) {
    return Files.isRegularFile(file(bucket, key));
  }

  @Override
  public StoredObject open(String bucket, String key) {
    Path file = file(bucket, key);
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new NoSuchFileException("no object " + key + " in " + bucket));
    }
    return new StoredObject(
        new InputSource(key, () -> Files.newInputStream(file), file.toFile().length()),
        metadata.getOrDefault(bucket + "/" + key, Map.of()));
  }

  @Override
  public void putReport(String bucket, String key, byte[] json) {
    try {
      Path file = file(bucket, key);
      Files.createDirectories(file.getParent());
      Files.write(file, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void putObject(String bucket, String key, byte[] bytes) {
    putReport(bucket, key, bytes);
  }

  @Override
  public byte[] getObject(String bucket, String key) {
    try {
      return read(bucket, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] readPrefix(String bucket, String key, int maxBytes) {
    try (InputStream in = Files.newInputStream(file(bucket, key))) {
      return in.readNBytes(maxBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<String> list(String bucket, String prefix) {
    Path root = this.root.resolve(bucket);
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(k -> k.startsWith(prefix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path file(String bucket, String key) {
    return root.resolve(bucket).resolve(key);
  }
}
