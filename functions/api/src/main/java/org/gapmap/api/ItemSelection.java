package org.gapmap.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gapmap.core.publish.ScoredFeature;
import org.locationtech.jts.geom.Envelope;

/**
 * Applies an items query to a run: the bbox and property filters, the sort order (ties broken by
 * neighborhood id, so paging is stable) and the page window. Stateless and thread-safe.
 */
final class ItemSelection {
  private ItemSelection() {}

  /**
   * One page of matching features.
   *
   * @param matched number of features matching the filter
   * @param indices feature indices of the page, in order
   * @param wholeCollection whether the page is every feature in id order
   */
  record Page(int matched, List<Integer> indices, boolean wholeCollection) {
    Page {
      indices = List.copyOf(indices);
    }

    int returned() {
      return indices.size();
    }
  }

  static Page select(CachedRun run, ItemsQuery query) {
    if (query.isWholeCollection(run.size())) {
      List<Integer> all = new ArrayList<>(run.size());
      for (int i = 0; i < run.size(); i++) {
        all.add(i);
      }
      return new Page(run.size(), all, true);
    }
    List<Integer> matching = new ArrayList<>();
    for (int i = 0; i < run.size(); i++) {
      if (intersects(run.envelope(i), query.bbox()) && query.filter().test(run.feature(i))) {
        matching.add(i);
      }
    }
    if (!query.sortBy().isEmpty()) {
      Comparator<ScoredFeature> order = null;
      for (SortKey key : query.sortBy()) {
        order = order == null ? key.comparator() : order.thenComparing(key.comparator());
      }
      // Features are stored in id order, so id breaks ties.
      Comparator<ScoredFeature> byKeys = order.thenComparing(f -> f.neighborhood().id());
      matching.sort(Comparator.comparing(run::feature, byKeys));
    }
    int from = Math.min(query.offset(), matching.size());
    int to = (int) Math.min((long) from + query.limit(), matching.size());
    return new Page(matching.size(), matching.subList(from, to), false);
  }

  private static boolean intersects(Envelope envelope, List<Envelope> boxes) {
    if (boxes.isEmpty()) {
      return true;
    }
    for (Envelope box : boxes) {
      if (box.intersects(envelope)) {
        return true;
      }
    }
    return false;
  }
}
