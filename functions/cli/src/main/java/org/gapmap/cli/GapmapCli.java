package org.gapmap.cli;

import java.util.NoSuchElementException;
import org.gapmap.core.input.InputRejectedException;
import org.gapmap.core.store.StoreConflictException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * The {@code gapmap} command line. Exit status: 0 success, 2 usage error, 3 input rejected, 1
 * anything else; every error goes to standard error, naming the file, line or feature and column
 * where it applies.
 */
@Command(
    name = "gapmap",
    mixinStandardHelpOptions = true,
    // every subcommand inherits --help and --version
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Maps the digital divide: broadband and mobile gap scores per neighborhood.",
    subcommands = {
      ServeCommand.class,
      RegionCommand.class,
      IngestCommand.class,
      ScoreCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class GapmapCli {
  private GapmapCli() {}

  public static void main(String[] args) {
    System.exit(run(Console.system(), args));
  }

  /** Runs one command line with the given output streams and returns its exit status. */
  public static int run(java.io.PrintStream out, java.io.PrintStream err, String... args) {
    return run(new Console(out, err), args);
  }

  static int run(Console console, String... args) {
    CommandLine cli = new CommandLine(new GapmapCli(), factory(console));
    cli.setOut(new java.io.PrintWriter(console.out(), true));
    cli.setErr(new java.io.PrintWriter(console.err(), true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(console, e));
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          console.note("gapmap: " + e.getMessage());
          console.note("Try 'gapmap " + e.getCommandLine().getCommandName() + " --help'.");
          return ExitCodes.USAGE;
        });
    return cli.execute(args);
  }

  static int handle(Console console, Exception e) {
    if (e instanceof InputRejectedException) {
      console.note("gapmap: rejected: " + e.getMessage());
      return ExitCodes.REJECTED;
    }
    if (e instanceof StoreConflictException || e instanceof IllegalStateException) {
      console.note("gapmap: " + e.getMessage());
      return ExitCodes.REJECTED;
    }
    if (e instanceof IllegalArgumentException || e instanceof NoSuchElementException) {
      console.note("gapmap: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    console.note("gapmap: failed: " + e);
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      console.note("  caused by: " + cause);
    }
    return ExitCodes.FAILURE;
  }

  /** Gives commands the console; everything else as picocli makes it. */
  private static IFactory factory(Console console) {
    IFactory defaults = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          return type.getDeclaredConstructor(Console.class).newInstance(console);
        } catch (NoSuchMethodException e) {
          return defaults.create(type);
        }
      }
    };
  }
}
