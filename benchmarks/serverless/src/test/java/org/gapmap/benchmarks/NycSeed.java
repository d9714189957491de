package org.gapmap.benchmarks;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.gapmap.core.ingest.IngestService;
import org.gapmap.core.ingest.UploadOptions;
import org.gapmap.core.input.InputSource;
import org.gapmap.core.input.ProgressListener;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.UploadKind;
import org.gapmap.core.region.RegionImportOptions;
import org.gapmap.core.region.RegionRegistrar;
import org.gapmap.core.region.UnrankedCondition;
import org.gapmap.core.run.RunPublisher;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;

/** The NYC demo region from the geodata module. Stateless. */
public final class NycSeed {
  public static final RegionId NYC = RegionId.of("nyc-nta2010");

  private NycSeed() {}

  public static void register(ScoreStore store) {
    new RegionRegistrar(store, Clock.systemUTC())
        .register(
            NYC,
            "New York City neighborhoods (NTA 2010)",
            "NYC Department of City Planning",
            resource("nyc_nta2010_nycplanning.geojson"),
            new RegionImportOptions(
                "NTACode",
                "NTAName",
                "BoroName",
                List.of(UnrankedCondition.parse("NTACode~.*(98|99)"))));
  }

  public static void registerAndPublish(ScoreStore store) {
    register(store);
    new IngestService(store, Clock.systemUTC())
        .ingest(
            NYC,
            UploadKind.ADOPTION,
            resource("nyc_internet_master_plan_by_nta2010.csv"),
            new UploadOptions("nyc-imp", Map.of(), null, null),
            ProgressListener.NONE);
    new RunPublisher(store, Clock.systemUTC())
        .publish(NYC, ScoringProfiles.builtIn(ScoringProfiles.DEFAULT).orElseThrow());
  }

  public static InputSource resource(String name) {
    String path = "/org/gapmap/geodata/nyc/" + name;
    return new InputSource(name, () -> NycSeed.class.getResourceAsStream(path), -1);
  }

  public static byte[] bytes(String name) throws java.io.IOException {
    try (java.io.InputStream in =
        NycSeed.class.getResourceAsStream("/org/gapmap/geodata/nyc/" + name)) {
      return in.readAllBytes();
    }
  }
}
