package org.jgrub.cli;

import java.io.PrintStream;
import org.jgrub.io.Budget;

/**
 * The backstop of a run's deadline. The budget's charging points notice the deadline themselves
 * and end the run with a clean error; this daemon thread covers what they cannot see, a read that
 * never returns (a stalled disk, an NFS server gone away). At the deadline plus {@link #GRACE_MS}
 * it removes the files the run created, prints the one {@code RuntimeError:} line and halts the
 * process with status 1. Only the real command line starts one: halting would end a test's JVM.
 */
final class DeadlineWatchdog implements Runnable {
  /** Time left to the in-process checks before the process is stopped from outside. */
  static final long GRACE_MS = 2000;

  private final Budget budget;
  private final PrintStream err;

  private DeadlineWatchdog(Budget budget, PrintStream err) {
    this.budget = budget;
    this.err = err;
  }

  static void start(Budget budget, PrintStream err) {
    Thread t = new Thread(new DeadlineWatchdog(budget, err), "jgrub-deadline");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void run() {
    while (!budget.finished()) {
      // Re-read every second at most: the deadline moves while the menu waits for keys.
      long at = budget.deadlineNanos();
      long wait =
          at == Long.MAX_VALUE ? 1000 : (at - System.nanoTime()) / 1_000_000L + GRACE_MS;
      if (wait > 0) {
        try {
          Thread.sleep(Math.min(wait, 1000));
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      if (budget.stopFromOutside()) {
        // The menu may have the console in raw mode: end the line with CR LF there, then put
        // the console back, which halting would not do.
        err.print("RuntimeError: " + budget.timeoutMessage() + org.jgrub.menu.VtTerminal.lineEnd());
        err.flush();
        org.jgrub.menu.VtTerminal.restoreActive();
        Runtime.getRuntime().halt(1);
      }
      return;
    }
  }
}
