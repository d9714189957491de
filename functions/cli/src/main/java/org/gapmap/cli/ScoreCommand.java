package org.gapmap.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gapmap.core.model.Neighborhood;
import org.gapmap.core.model.NeighborhoodId;
import org.gapmap.core.model.RegionId;
import org.gapmap.core.model.Run;
import org.gapmap.core.run.CurrentInputs;
import org.gapmap.core.score.ScoringProfile;
import org.gapmap.core.score.ScoringProfiles;
import org.gapmap.core.score.Sensitivity;
import org.gapmap.core.store.ScoreStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gapmap score}: score a region from its current inputs and publish a new run. */
@Command(
    name = "score",
    description = {
      "Score a region from its current inputs under a profile and publish a new run.",
      "--sensitivity then reports how stable the top N is when each weight moves by ±step."
    })
final class ScoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "regionId")
  String regionId;

  @Option(
      names = "--profile",
      paramLabel = "NAME|FILE",
      defaultValue = ScoringProfiles.DEFAULT,
      description =
          "Built-in profile (balanced, home-adoption, mobile-5g, bead) or a profile JSON file"
              + " (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--sensitivity",
      description =
          "Also report, for the top N, each neighborhood's rank range when each weight moves ±step.")
  boolean sensitivity;

  @Option(
      names = "--top",
      paramLabel = "N",
      description = "Size of the top for --sensitivity (default: 10).")
  Integer top;

  @Option(
      names = "--step",
      paramLabel = "FRACTION",
      description = "Relative weight change for --sensitivity (default: 0.2, that is ±20 %%).")
  Double step;

  @Mixin DataDirOption data;
  @Mixin StoreOptions store;

  private final Console console;

  ScoreCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    RegionId id = RegionId.of(regionId);
    if (!sensitivity && (top != null || step != null)) {
      throw new IllegalArgumentException("--top and --step only apply with --sensitivity");
    }
    int top = this.top == null ? 10 : this.top;
    double step = this.step == null ? 0.2 : this.step;
    if (top < 1) {
      throw new IllegalArgumentException("--top must be 1 or more, got " + top);
    }
    if (!(step > 0 && step < 1)) {
      throw new IllegalArgumentException("--step must be between 0 and 1, got " + step);
    }
    ScoringProfile scoringProfile = ScoringProfiles.resolve(profile);
    try (LocalRuntime runtime = LocalRuntime.open(data.dataDir, store)) {
      Run run = runtime.publisher().publish(id, scoringProfile);
      Reports.published(console, runtime.store(), run);
      if (sensitivity) {
        CurrentInputs inputs = runtime.publisher().inputs(id, scoringProfile);
        Map<NeighborhoodId, String> names = new HashMap<>();
        for (Neighborhood n : runtime.store().neighborhoods(id)) {
          names.put(n.id(), n.name());
        }
        Sensitivity.Report report =
            Sensitivity.analyze(
                runtime.store().neighborhoods(id), inputs.indicators(), scoringProfile, top, step);
        Reports.sensitivity(console, report, names);
      }
    }
    return ExitCodes.OK;
  }

  /**
   * The profile of the region's current run (its stored definition, so a custom profile stays in
   * force), or the default one.
   */
  static ScoringProfile currentProfile(ScoreStore store, RegionId id) {
    return store
        .region(id)
        .flatMap(r -> r.currentRun().flatMap(runId -> store.run(id, runId)))
        .flatMap(
            run -> ScoringProfiles.of(run).or(() -> ScoringProfiles.builtIn(run.profileName())))
        .or(() -> ScoringProfiles.builtIn(ScoringProfiles.DEFAULT))
        .orElseThrow();
  }
}
