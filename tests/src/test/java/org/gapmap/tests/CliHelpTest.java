package org.gapmap.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every verb explains itself with {@code --help}, exit status 0, as a new user would try first. */
class CliHelpTest {
  @Test
  void everyVerbHasHelp() {
    for (String[] verb :
        new String[][] {
          {"serve"}, {"region", "add"}, {"region", "crosswalk"}, {"ingest"}, {"score"}, {"export"}
        }) {
      String[] args = java.util.Arrays.copyOf(verb, verb.length + 1);
      args[verb.length] = "--help";
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as(String.join(" ", verb)).startsWith("Usage: gapmap " + verb[0]);
    }
    assertThat(CliRun.of("ingest", "--help").out())
        .contains("bdc-fixed", "measurements", "mobile-coverage", "mobile-h3", "tiles");
  }
}
