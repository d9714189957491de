package org.gapmap.ingest;

/** The bucket uploads arrive in and reports go to: S3 on AWS, local files in tests. */
public interface UploadBucket {
  /** The object {@code key} of {@code bucket}. */
  StoredObject open(String bucket, String key);

  /** Writes a JSON report to {@code key} of {@code bucket}. */
  void putReport(String bucket, String key, byte[] json);

  /** Writes intermediate work (a shard's partial aggregate) to {@code key} of {@code bucket}. */
  void putObject(String bucket, String key, byte[] bytes);

  /** The bytes of intermediate work at {@code key} of {@code bucket}. */
  byte[] getObject(String bucket, String key);
}
