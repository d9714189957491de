package org.gapmap.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Where commands talk to the user: results to standard output, progress and notes to standard
 * error.
 */
final class Console {
  private final PrintStream out;
  private final PrintStream err;

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Console system() {
    return new Console(System.out, System.err);
  }

  void result(String line) {
    out.println(line);
  }

  void note(String line) {
    err.println(line);
  }

  void notes(String heading, List<String> lines) {
    if (!lines.isEmpty()) {
      err.println(heading);
      lines.forEach(l -> err.println("  " + l));
    }
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }
}
