package org.gapmap.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Watches the heap while a step runs, from a daemon thread sampling every few milliseconds: the
 * largest heap in use (live data and not yet collected garbage) and the largest heap left after a
 * garbage collection (close to the live data the step needed). Thread-safe: {@link #stop} may be
 * called from any thread, once.
 */
final class HeapWatch {
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peakUsed;
  private volatile long peakAfterGc;

  private HeapWatch() {
    thread = new Thread(this::sample, "heap-watch");
    thread.setDaemon(true);
  }

  static HeapWatch start() {
    HeapWatch watch = new HeapWatch();
    watch.thread.start();
    return watch;
  }

  private void sample() {
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    while (running) {
      peakUsed =
          Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      for (GarbageCollectorMXBean c : collectors) {
        if (c instanceof com.sun.management.GarbageCollectorMXBean gc
            && gc.getLastGcInfo() != null) {
          long after = 0;
          for (MemoryUsage u : gc.getLastGcInfo().getMemoryUsageAfterGc().values()) {
            after += u.getUsed();
          }
          peakAfterGc = Math.max(peakAfterGc, after);
        }
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops watching; returns {peak heap in use, peak heap after a collection} in bytes. */
  long[] stop() {
    running = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the heap watch", e);
    }
    return new long[] {peakUsed, peakAfterGc};
  }
}
