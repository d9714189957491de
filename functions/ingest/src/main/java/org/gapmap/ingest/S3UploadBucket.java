package org.gapmap.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gapmap.core.input.InputSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@link UploadBucket} on S3. The object is read with GetObject each time the ingest needs its
 * bytes (once for the content hash, once to read it), pinned to the version seen first by its ETag.
 * Thread-safe.
 */
public final class S3UploadBucket implements UploadBucket {
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
}
