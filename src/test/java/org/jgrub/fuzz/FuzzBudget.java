package org.jgrub.fuzz;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.BudgetedDevice;

/**
 * Runs a fuzz target under a run's budget, as the command line does: the default allowances, a
 * deadline short of the target's 10 s timeout, and the disk read through {@link BudgetedDevice}.
 * Exhausting a budget is a jgrub exception the targets allow; a budget in a state no charge can
 * lead to (a count below zero, or above its allowance without the exhaustion recorded) fails.
 */
final class FuzzBudget {
  /** Below every target's @Timeout, so a slow input ends in the budget's own error first. */
  static final int DEADLINE_S = 5;

  private FuzzBudget() {}

  interface Body {
    void run(Budget budget) throws IOException;
  }

  static void run(Body body) throws IOException {
    Budget b = Budget.builder().deadlineSeconds(DEADLINE_S).build();
    try {
      body.run(b);
    } finally {
      check(b);
    }
  }

  /** The shipped limits with {@code budget}: what every parser of the target keeps to. */
  static org.jgrub.io.Bounds bounds(Budget budget) {
    return new org.jgrub.io.Bounds(org.jgrub.io.Limits.DEFAULT, budget);
  }

  /** The device the target reads, charged to {@code budget}. */
  static BlockDevice device(byte[] input, Budget budget) {
    return new BudgetedDevice(FuzzDevice.of(input), budget);
  }

  private static void check(Budget b) {
    for (Budget.Kind k : Budget.Kind.values()) {
      long used = b.used(k);
      if (used < 0) {
        throw new IllegalStateException("budget " + k.label() + " counted " + used);
      }
      if (used > b.limit(k) && b.exhausted() == null) {
        throw new IllegalStateException(
            "budget " + k.label() + " passed its allowance (" + used + " > " + b.limit(k)
                + ") without ending the run");
      }
    }
  }
}
