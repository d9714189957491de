package org.gapmap.ingest;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.gapmap.core.input.InputSource;

/**
 * An uploaded object: its bytes, re-readable, and its user metadata ({@code x-amz-meta-*} without
 * the prefix, names in lower case).
 */
public record StoredObject(InputSource source, Map<String, String> metadata) {
  public StoredObject {
    Objects.requireNonNull(source, "source");
    metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
  }
}
