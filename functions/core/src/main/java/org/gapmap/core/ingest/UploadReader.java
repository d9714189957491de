package org.gapmap.core.ingest;

import org.gapmap.core.input.InputSource;

/**
 * Reads one kind of upload into per-neighborhood indicators. Implementations stream their input,
 * validate every row or feature, and throw {@link org.gapmap.core.input.InputRejectedException}
 * naming the file, line, column and reason for input they cannot accept. Implementations are
 * stateless and thread-safe.
 */
public interface UploadReader {
  ReadResult read(InputSource input, RegionContext region, UploadOptions options);
}
