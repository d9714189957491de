package org.gapmap.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gapmap.core.input.InputSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link UploadBucket} on S3. The object is read with GetObject each time the ingest needs its
 * bytes (once for the content hash, once to read it), pinned to the version seen first by its ETag.
 * Thread-safe.
 */
public final class S3UploadBucket implements UploadBucket {
  private static final int RANGE_NOT_SATISFIABLE = 416;

  private final S3Client s3;

  public S3UploadBucket(S3Client s3) {
    this.s3 = Objects.requireNonNull(s3, "s3");
  }

  @Override
  public StoredObject open(String bucket, String key) {
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
    String etag = head.eTag();
    Map<String, String> metadata = new HashMap<>();
    head.metadata().forEach((name, value) -> metadata.put(name.toLowerCase(Locale.ROOT), value));
    InputSource source =
        new InputSource(
            key,
            () -> s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(etag)),
            head.contentLength() == null ? -1 : head.contentLength());
    return new StoredObject(source, metadata);
  }

  @Override
  public void putReport(String bucket, String key, byte[] json) {
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType("application/json"),
        RequestBody.fromBytes(json));
  }

  @Override
  public void putObject(String bucket, String key, byte[] bytes) {
    s3.putObject(
        b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
        RequestBody.fromBytes(bytes));
  }

  @Override
  public byte[] getObject(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  /** One ranged GetObject; an empty object (which refuses any range) gives no bytes. */
  @Override
  public byte[] readPrefix(String bucket, String key, int maxBytes) {
    try (InputStream in =
        s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=0-" + (maxBytes - 1)))) {
      return in.readNBytes(maxBytes);
    } catch (S3Exception e) {
      if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
        return new byte[0];
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading the start of " + key, e);
    }
  }

  /** ListObjectsV2, page by page (S3 lists keys in UTF-8 binary order). */
  @Override
  public List<String> list(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      String continuation = token;
      ListObjectsV2Response page =
          s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix).continuationToken(continuation));
      page.contents().forEach(o -> keys.add(o.key()));
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return keys;
  }
}
