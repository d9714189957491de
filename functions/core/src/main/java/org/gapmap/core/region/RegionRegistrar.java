package org.gapmap.core.region;

import java.time.Clock;
import java.util.Objects;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.BoundingBox;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.Region;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.store.ScoreStore;
import org.locationtech.jts.geom.Envelope;

/** Registers a region from a neighborhoods file. Thread-safe if the store is. */
public final class RegionRegistrar {
  private final ScoreStore store;
  private final Clock clock;

  public RegionRegistrar(ScoreStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Reads, validates and stores the region.
   *
   * @return the import report
   * @throws org.gapmap.core.store.StoreConflictException if the region exists
   * @throws org.gapmap.core.input.InputRejectedException if the file is rejected
   */
  public ImportedRegion register(
      RegionId id,
      String title,
      String attribution,
      InputSource neighborhoods,
      RegionImportOptions options) {
    if (store.region(id).isPresent()) {
      throw new org.gapmap.core.store.StoreConflictException(
          "region " + id + " exists already; choose another id");
    }
    ImportedRegion imported = RegionImporter.read(neighborhoods, options);
    Envelope extent = new Envelope();
    for (Neighborhood n : imported.neighborhoods()) {
      extent.expandToInclude(n.geometry().getEnvelopeInternal());
    }
    Region region =
        new Region(
            id,
            title == null || title.isBlank() ? id.value() : title,
            BoundingBox.of(extent),
            imported.neighborhoods().size(),
            attribution,
            clock.instant(),
            null,
            0);
    store.createRegion(region, imported.neighborhoods());
    return imported;
  }
}
