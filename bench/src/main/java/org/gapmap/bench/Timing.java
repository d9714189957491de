package org.gapmap.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Wall-clock and CPU seconds of one step. CPU time is what the working thread (or server backend)
 * itself spent, so it means the same on a busy machine as on an idle one; wall time is what a user
 * waits. Immutable.
 */
record Timing(double wall, double cpu) {
  Timing plus(Timing other) {
    return new Timing(wall + other.wall, cpu + other.cpu);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.2f s CPU (%.2f s wall)", cpu, wall);
  }

  /** Times the calling thread from now. */
  static Stopwatch start() {
    return new Stopwatch();
  }

  /** A running measurement of the calling thread. Not thread-safe. */
  static final class Stopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long wall0 = System.nanoTime();
    private final long cpu0 = THREADS.getCurrentThreadCpuTime();

    Timing stop() {
      return new Timing(
          (System.nanoTime() - wall0) / 1e9, (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }
  }

  /** A point in a psql script printed by {@link PostgisServer#mark}. */
  record Mark(double wall, double cpu) {
    Timing since(Mark earlier) {
      return new Timing(wall - earlier.wall, cpu - earlier.cpu);
    }
  }

  /** The marks among psql output lines, by name. */
  static Map<String, Mark> marks(List<String> lines) {
    Map<String, Mark> marks = new LinkedHashMap<>();
    for (String line : lines) {
      String[] f = line.split(",");
      if (f.length == 3 && f[0].startsWith("t")) {
        try {
          marks.put(f[0], new Mark(Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        } catch (NumberFormatException e) {
          throw new IllegalStateException("not a timing mark: " + line, e);
        }
      }
    }
    return marks;
  }
}
