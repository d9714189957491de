package org.gapmap.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option every command shares. */
final class DataDirOption {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${GAPMAP_DATA_DIR:-.gapmap}",
      description = "Where the embedded store keeps its database (default: ${DEFAULT-VALUE}).")
  Path dataDir;
}
