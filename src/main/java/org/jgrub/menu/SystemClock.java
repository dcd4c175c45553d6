package org.jgrub.menu;

/** The real monotonic clock ({@link System#nanoTime()}), immune to wall-clock jumps. */
public final class SystemClock implements Clock {
  public static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long millis() {
    return System.nanoTime() / 1_000_000L;
  }
}
