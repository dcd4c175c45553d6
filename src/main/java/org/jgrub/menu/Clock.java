package org.jgrub.menu;

/** Milliseconds for the countdown; tests drive a fake one together with a fake terminal. */
public interface Clock {
  /** A monotonic time in milliseconds. */
  long millis();
}
