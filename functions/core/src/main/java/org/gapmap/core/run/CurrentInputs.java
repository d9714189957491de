package org.gapmap.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gapmap.core.model.Indicators;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.UploadId;
import org.gapmap.core.model.UploadRecord;

/**
 * The indicators a run scores: of a region's uploads, the newest of each kind and label replaces
 * the older ones (a new release of the same table), and the survivors are overlaid oldest first.
 * Immutable.
 *
 * @param uploads the uploads in effect, oldest first
 * @param indicators merged indicators by neighborhood
 */
public record CurrentInputs(
    List<UploadRecord> uploads, Map<NeighborhoodId, Indicators> indicators) {
  public CurrentInputs {
    uploads = List.copyOf(uploads);
    indicators = java.util.Collections.unmodifiableMap(new TreeMap<>(indicators));
  }

  /** Merges {@code uploads}, given oldest first. */
  public static CurrentInputs of(List<UploadRecord> uploads) {
    Map<String, UploadRecord> newestByKey = new LinkedHashMap<>();
    for (UploadRecord u : uploads) {
      String key = u.kind().cliName() + "/" + u.label();
      newestByKey.remove(key);
      newestByKey.put(key, u);
    }
    List<UploadRecord> inEffect = new ArrayList<>(uploads);
    inEffect.retainAll(newestByKey.values());
    Map<NeighborhoodId, Indicators> merged = new TreeMap<>();
    for (UploadRecord u : inEffect) {
      u.indicators()
          .forEach(
              (id, values) ->
                  merged.merge(id, values, (older, newer) -> older.overlaidWith(newer)));
    }
    return new CurrentInputs(inEffect, merged);
  }

  public List<UploadId> uploadIds() {
    return uploads.stream().map(UploadRecord::id).toList();
  }
}
