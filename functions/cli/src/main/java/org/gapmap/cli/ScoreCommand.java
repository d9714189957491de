package org.gapmap.cli;

import java.util.concurrent.Callable;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.store.ScoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gapmap score}: score a region from its current inputs and publish a new run. */
@Command(
    name = "score",
    description = "Score a region from its current inputs under a profile and publish a new run.")
final class ScoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "regionId")
  String regionId;

  @Option(
      names = "--profile",
      paramLabel = "NAME|FILE",
      defaultValue = ScoringProfiles.DEFAULT,
      description =
          "Built-in profile (balanced, home-adoption) or a profile JSON file (default: ${DEFAULT-VALUE}).")
  String profile;

  @Mixin DataDirOption data;
  @Mixin StoreOptions store;

  private final Console console;

  ScoreCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    RegionId id = RegionId.of(regionId);
    ScoringProfile scoringProfile = ScoringProfiles.resolve(profile);
    try (LocalRuntime runtime = LocalRuntime.open(data.dataDir, store)) {
      Reports.published(console, runtime.store(), runtime.publisher().publish(id, scoringProfile));
    }
    return ExitCodes.OK;
  }

  /** The built-in profile of the region's current run, or the default one. */
  static ScoringProfile currentProfile(ScoreStore store, RegionId id) {
    String name =
        store
            .region(id)
            .flatMap(r -> r.currentRun().flatMap(runId -> store.run(id, runId)))
            .map(run -> run.profile().replaceFirst("@.*$", ""))
            .orElse(ScoringProfiles.DEFAULT);
    return ScoringProfiles.builtIn(name)
        .or(() -> ScoringProfiles.builtIn(ScoringProfiles.DEFAULT))
        .orElseThrow();
  }
}
