package org.gapmap.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.store.ScoreStore;

/** The NYC files of the geodata module, as the ingest tests read and register them. */
public final class NycGeodata {
  private NycGeodata() {}

  /** A geodata file as an upload source. */
  public static InputSource resource(String name) {
    return new InputSource(name, () -> NycGeodata.class.getResourceAsStream(path(name)), -1);
  }

  /** A geodata file's bytes. */
  public static byte[] bytes(String name) {
    try (InputStream in = NycGeodata.class.getResourceAsStream(path(name))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Registers the 195 NTA 2010 neighborhoods as {@code region}, with borough as the group property
   * and nothing unranked.
   */
  public static void registerNta2010(ScoreStore store, RegionId region) {
    new RegionRegistrar(store, Clock.systemUTC())
        .register(
            region,
            "New York City neighborhoods (NTA 2010)",
            "NYC Department of City Planning",
            resource("nyc_nta2010_nycplanning.geojson"),
            new RegionImportOptions("NTACode", "NTAName", "BoroName", List.of()));
  }

  private static String path(String name) {
    return "/org/gapmap/geodata/nyc/" + name;
  }
}
