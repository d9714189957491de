package org.gapmap.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gapmap.core.input.ProgressListener;

/**
 * A progress bar on the terminal for long reads; silent when standard error is not a terminal (CI
 * logs, pipes) or the input is small.
 */
final class Progress implements AutoCloseable, ProgressListener {
  private static final long WORTH_SHOWING = 32L << 20;

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  static Progress start(String task, long totalBytes) {
    boolean show = System.console() != null && totalBytes >= WORTH_SHOWING;
    if (!show) {
      return new Progress(null);
    }
    return new Progress(
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(totalBytes)
            .setUnit(" MB", 1 << 20)
            .setStyle(ProgressBarStyle.ASCII)
            .build());
  }

  @Override
  public void progress(long bytesRead, long totalBytes) {
    if (bar != null) {
      bar.stepTo(bytesRead);
    }
  }

  ProgressListener listener() {
    return bar == null ? ProgressListener.NONE : this;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
