package org.jgrub.io;

/**
 * A run spent one of its {@link Budget}s or passed its deadline. The message names the budget, its
 * size and the environment variable that raises it. Treated like any other limit: a real boot
 * volume stays far below every budget.
 */
public final class BudgetExceededException extends LimitExceededException {
  public BudgetExceededException(String message) {
    super(message);
  }
}
