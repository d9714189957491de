package org.gapmap.core.region;

import java.util.List;
import org.gapmap.core.model.Neighborhood;

/**
 * Neighborhoods read from a file, ready to register, and the import report: repairs made and other
 * notes.
 *
 * @param neighborhoods valid neighborhoods in file order
 * @param notes human-readable lines, one per repair or noteworthy fact
 */
public record ImportedRegion(List<Neighborhood> neighborhoods, List<String> notes) {
  public ImportedRegion {
    neighborhoods = List.copyOf(neighborhoods);
    notes = List.copyOf(notes);
  }

  public long rankedCount() {
    return neighborhoods.stream().filter(Neighborhood::ranked).count();
  }
}
