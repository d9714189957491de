package org.gapmap.api;

/**
 * Size limits of uploads over HTTP.
 *
 * @param maxBodyBytes most bytes of a request body; more is answered 413
 * @param maxDecodedBytes most bytes a compressed (gzip, zip) body may expand to; more is rejected
 *     as a possible decompression bomb (422)
 */
public record UploadLimits(long maxBodyBytes, long maxDecodedBytes) {
  /** 256 MiB of body, 4 GiB decompressed. */
  public static final UploadLimits DEFAULT = new UploadLimits(256L << 20, 4L << 30);

  public UploadLimits {
    if (maxBodyBytes <= 0 || maxDecodedBytes <= 0) {
      throw new IllegalArgumentException("upload limits must be positive");
    }
  }
}
