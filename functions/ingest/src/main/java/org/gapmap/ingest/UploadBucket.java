package org.gapmap.ingest;

import java.util.List;

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

  /**
   * The first {@code maxBytes} bytes of object {@code key} of {@code bucket} (all of it when it is
   * shorter): where an upload's header row is read.
   */
  byte[] readPrefix(String bucket, String key, int maxBytes);

  /** The keys of intermediate work under {@code prefix} in {@code bucket}, in key order. */
  List<String> list(String bucket, String prefix);
}
