package org.gapmap.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gapmap.core.export.FeatureProperties;
import org.gapmap.core.export.GeoJsonWriter;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RunId;
import org.gapmap.core.publish.PublishedRun;
import org.gapmap.core.publish.ScoredFeature;
import org.locationtech.jts.geom.Envelope;

/**
 * A published run prepared for serving: its features in id order with their envelopes, and each
 * feature encoded once as GeoJSON, so pages are assembled from ready bytes and the full collection
 * is a single cached array.
 *
 * <p>Immutable and safe to share between threads.
 */
final class CachedRun {
  private final PublishedRun run;
  private final List<ScoredFeature> features;
  private final Envelope[] envelopes;
  private final SerializedString[] encoded;
  private final SerializedString encodedAll;
  private final Map<String, Integer> indexById;

  CachedRun(PublishedRun run) {
    this.run = run;
    this.features = run.features();
    int n = features.size();
    this.envelopes = new Envelope[n];
    this.encoded = new SerializedString[n];
    this.indexById = new HashMap<>(n * 2);
    StringBuilder all = new StringBuilder().append('[');
    for (int i = 0; i < n; i++) {
      ScoredFeature f = features.get(i);
      envelopes[i] = f.neighborhood().geometry().getEnvelopeInternal();
      String json =
          JsonDocuments.writeString(
              g ->
                  GeoJsonWriter.writeFeature(
                      g,
                      f.neighborhood().id().value(),
                      f.neighborhood().geometry(),
                      FeatureProperties.of(f, run)));
      encoded[i] = new SerializedString(json);
      indexById.put(f.neighborhood().id().value(), i);
      if (i > 0) {
        all.append(',');
      }
      all.append(json);
    }
    this.encodedAll = new SerializedString(all.append(']').toString());
  }

  PublishedRun published() {
    return run;
  }

  Region region() {
    return run.region();
  }

  RunId runId() {
    return run.run().id();
  }

  int size() {
    return features.size();
  }

  ScoredFeature feature(int index) {
    return features.get(index);
  }

  Envelope envelope(int index) {
    return envelopes[index];
  }

  /**
   * The feature at {@code index} as a complete GeoJSON Feature object with geometry and every
   * property.
   */
  SerializableString encodedFeature(int index) {
    return encoded[index];
  }

  /** Every feature, in id order, as one GeoJSON array. */
  SerializableString encodedFeatures() {
    return encodedAll;
  }

  /** Index of the feature with neighborhood id {@code id}. */
  Optional<Integer> indexOf(String id) {
    return Optional.ofNullable(indexById.get(id));
  }

  /** The feature's properties in output order. */
  Map<String, Object> properties(int index) {
    return FeatureProperties.of(features.get(index), run);
  }
}
