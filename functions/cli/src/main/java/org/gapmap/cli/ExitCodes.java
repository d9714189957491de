package org.gapmap.cli;

/** Exit status of every command; scripts depend on these values. */
public final class ExitCodes {
  public static final int OK = 0;

  /** Unexpected failure (a bug or an environment problem): the message says what. */
  public static final int FAILURE = 1;

  /** The command line is wrong: unknown verb, missing or bad option, unknown region or profile. */
  public static final int USAGE = 2;

  /**
   * The input was rejected: a file, a profile or the state of the region does not allow the step.
   */
  public static final int REJECTED = 3;

  private ExitCodes() {}
}
