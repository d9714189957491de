package org.gapmap.core.ingest;

import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.model.RegionId;

/**
 * The check that a file of points has its latitude and longitude the right way round: a file most
 * of whose points fall outside the region, nine in ten of those inside once swapped, is rejected.
 * Stateless and thread-safe.
 */
final class SwappedCoordinates {
  private SwappedCoordinates() {}

  /**
   * @param source file name
   * @param columns the latitude and longitude columns, for the message
   * @param read rows read
   * @param used points inside the region
   * @param outside points outside the region
   * @param swappedInside of those outside, how many fall inside once swapped
   * @throws InputRejectedException when the coordinates look swapped
   */
  static void check(
      String source,
      String columns,
      RegionId region,
      long read,
      long used,
      long outside,
      long swappedInside) {
    if (outside > used && swappedInside * 10 >= outside * 9) {
      throw new InputRejectedException(
          source,
          null,
          columns,
          "latitude and longitude look swapped: "
              + outside
              + " of "
              + read
              + " rows fall outside region "
              + region
              + " but "
              + swappedInside
              + " of them fall inside once swapped; fix the file or the mapping (--map latitude=..."
              + " --map longitude=...)");
    }
  }
}
