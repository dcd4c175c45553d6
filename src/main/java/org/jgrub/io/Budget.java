package org.jgrub.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The work one run may do for a guest, in total, and the wall time it may take. {@link Limits}
 * bounds the size of any one structure; a guest can still make jgrub repeat cheap work for ever (a
 * script that looks up a missing name in a huge directory in a loop, a symlink that expands to
 * thousands of components, a config sourced again and again). Each kind of work is counted where
 * it is done and charged against its own allowance; the first one spent, or the deadline, ends
 * the run with one {@link BudgetExceededException} whose message names the budget, its size and
 * the environment variable that raises it.
 *
 * <p>The command line makes one budget per run and hands it down inside the run's {@link Bounds},
 * with the disk: the device wrapper ({@link BudgetedDevice}) charges every byte read, and the
 * charging points below it (path walker, directory listings, decoders, the GRUB script
 * interpreter, config reads) charge the budget of the {@link Bounds} they were given. Code run
 * outside any run (unit tests of one parser) passes {@link Bounds#DEFAULT}, whose budget ({@link
 * #UNLIMITED}) counts nothing.
 *
 * <p>Exhaustion is sticky: once one budget is spent every later charge throws the same exception,
 * so a caller that turns failures into warnings (a config's {@code [ -e FILE ]}) cannot keep the
 * run going, and the command line reports it even if the exception was swallowed on the way.
 */
public final class Budget {
  /** What is counted; each has a default allowance and an environment variable to change it. */
  public enum Kind {
    LOOKUPS("path components walked", "JGRUB_BUDGET_LOOKUPS", 100_000, 1),
    SYMLINKS("symbolic links followed", "JGRUB_BUDGET_SYMLINKS", 20_000, 1),
    DIR_ENTRIES("directory entries read", "JGRUB_BUDGET_DIR_ENTRIES", 10_000_000, 1),
    DISK_BYTES("read from the disk", "JGRUB_BUDGET_DISK_MB", 4096L << 20, 1 << 20),
    DECOMPRESSED_BYTES(
        "decompressed", "JGRUB_BUDGET_DECOMPRESSED_MB", 1024L << 20, 1 << 20),
    CONFIG_BYTES("of config files read", "JGRUB_BUDGET_CONFIG_MB", 64L << 20, 1 << 20),
    SCRIPT_COMMANDS("GRUB script commands run", "JGRUB_BUDGET_COMMANDS", 5_000_000, 1);

    /** What the count is, for the message ("path components walked"). */
    public final String what;
    /** The variable that sets the allowance. */
    public final String env;
    /** The shipped allowance. */
    public final long defaultLimit;
    /** The unit the variable is given in (1, or 1 MiB for byte counts). */
    public final long unit;

    Kind(String what, String env, long defaultLimit, long unit) {
      this.what = what;
      this.env = env;
      this.defaultLimit = defaultLimit;
      this.unit = unit;
    }

    /** The budget's short name in messages and tables ("lookups", "disk-bytes"). */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** The deadline's variable: whole seconds of wall time (default {@link #DEFAULT_DEADLINE_S}). */
  public static final String DEADLINE_ENV = "JGRUB_DEADLINE_S";

  public static final int DEFAULT_DEADLINE_S = 60;

  /** Charges between two looks at the clock: System.nanoTime costs ~25 ns, a charge ~2 ns. */
  private static final int CLOCK_EVERY = 256;

  /** Counts nothing and never expires: what parsers see outside a run. */
  public static final Budget UNLIMITED = new Budget(null, 0, false);

  private final long[] limit = new long[Kind.values().length];
  private final long[] used = new long[Kind.values().length];
  private final boolean counting;
  private final long deadlineSeconds;
  private final Object lock = new Object();
  private final List<Path> removeOnTimeout = new ArrayList<>();
  /** When the run ends, in System.nanoTime; moved on by the time spent paused. */
  private volatile long deadlineAt;
  /** When the current pause began, or 0 when not paused. */
  private volatile long pausedSince;
  private volatile BudgetExceededException exhausted;
  private int ticks;
  private boolean finished;

  private Budget(long[] limits, long deadlineSeconds, boolean counting) {
    this.counting = counting;
    this.deadlineSeconds = deadlineSeconds;
    for (Kind k : Kind.values()) {
      limit[k.ordinal()] = limits == null ? Long.MAX_VALUE : limits[k.ordinal()];
    }
    this.deadlineAt =
        deadlineSeconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + deadlineSeconds * 1_000_000_000L;
  }

  /** A budget with the default allowances and deadline. */
  public static Budget defaults() {
    return builder().bootFiles(Limits.DEFAULT.bootFileBytes).build();
  }

  /**
   * The allowances and deadline from the environment, defaults for what is not set. The byte
   * budgets also cover the kernel and initrd copied out, so they grow by twice {@code
   * bootFileBytes} (PYGRUB_MAX_FILE_SIZE_MB).
   */
  public static Budget fromEnv(Map<String, String> env, long bootFileBytes)
      throws UsageException {
    Builder b = builder().bootFiles(bootFileBytes);
    for (Kind k : Kind.values()) {
      String v = env.get(k.env);
      if (v != null && !v.isBlank()) {
        long n = positive(k.env, v);
        if (n > Long.MAX_VALUE / k.unit) {
          throw new UsageException(k.env + " is too large: " + v);
        }
        b.limit(k, n * k.unit);
      }
    }
    String d = env.get(DEADLINE_ENV);
    if (d != null && !d.isBlank()) {
      b.deadlineSeconds(positive(DEADLINE_ENV, d));
    }
    return b.build();
  }

  private static long positive(String name, String v) throws UsageException {
    try {
      long n = Long.parseLong(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new UsageException(name + " must be a whole number from 1 up, not '" + v + "'");
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Counts {@code n} units of {@code k}; throws once the allowance is passed or the deadline is.
   */
  public void charge(Kind k, long n) throws BudgetExceededException {
    if (!counting) {
      return;
    }
    if (exhausted != null) {
      throw exhausted;
    }
    int i = k.ordinal();
    long u = used[i] + n;
    used[i] = u < 0 ? Long.MAX_VALUE : u;
    if (used[i] > limit[i]) {
      throw exhaust(
          new BudgetExceededException(
              "work budget '" + k.label() + "' exhausted: more than " + shown(k, limit[i]) + " "
                  + k.what + " in one run (a loop in the guest's config, links or directories?);"
                  + " if the guest is genuine, set " + k.env + " above " + (limit[i] / k.unit)));
    }
    if (++ticks >= CLOCK_EVERY) {
      ticks = 0;
      checkDeadline();
    }
  }

  private static String shown(Kind k, long n) {
    return k.unit == 1 ? Long.toString(n) : (n / k.unit) + " MiB";
  }

  /** Throws when the deadline has passed (time paused for the user's keys does not count). */
  public void checkDeadline() throws BudgetExceededException {
    if (!counting) {
      return;
    }
    if (exhausted != null) {
      throw exhausted;
    }
    if (pausedSince == 0 && System.nanoTime() - deadlineAt > 0) {
      throw exhaust(new BudgetExceededException(timeoutMessage()));
    }
  }

  /** "jgrub took longer than 60 s ...": the deadline's message, also the watchdog's. */
  public String timeoutMessage() {
    return "work budget 'deadline' exhausted: jgrub took longer than " + deadlineSeconds
        + " s reading the guest (a hostile guest or a stalled disk?); if the disk is genuine and"
        + " slow, set " + DEADLINE_ENV + " above " + deadlineSeconds;
  }

  private BudgetExceededException exhaust(BudgetExceededException e) {
    if (exhausted == null) {
      exhausted = e;
    }
    return exhausted;
  }

  /**
   * Throws the run's exhaustion, if any: for the few places that turn a failure into a note and
   * go on (a volume that fails to probe, a config that fails to parse), so that a spent budget is
   * not mistaken for one broken volume.
   */
  public void rethrow() throws BudgetExceededException {
    if (exhausted != null) {
      throw exhausted;
    }
  }

  /** The first exhaustion of this run, or null. */
  public BudgetExceededException exhausted() {
    return exhausted;
  }

  /** Units of {@code k} used so far. */
  public long used(Kind k) {
    return used[k.ordinal()];
  }

  /** The allowance of {@code k}. */
  public long limit(Kind k) {
    return limit[k.ordinal()];
  }

  /** Stops the clock (waiting for the user's keys); nests are not supported. */
  public void pause() {
    if (counting && pausedSince == 0) {
      long now = System.nanoTime();
      pausedSince = now == 0 ? 1 : now;
    }
  }

  /** Starts the clock again, moving the deadline on by the time paused. */
  public void resume() {
    long since = pausedSince;
    if (since != 0) {
      deadlineAt += System.nanoTime() - since;
      pausedSince = 0;
    }
  }

  /** When the deadline falls, in System.nanoTime, or Long.MAX_VALUE when paused or never. */
  public long deadlineNanos() {
    return pausedSince != 0 ? Long.MAX_VALUE : deadlineAt;
  }

  public long deadlineSeconds() {
    return deadlineSeconds;
  }

  /**
   * Registers a file this run created, to be removed should the run be stopped from outside (the
   * watchdog) before it could clean up itself.
   */
  public void removeOnTimeout(Path p) {
    if (!counting) {
      return;
    }
    synchronized (lock) {
      removeOnTimeout.add(p);
    }
  }

  /**
   * Marks the run as finished; false when the watchdog has already taken over (then the caller
   * must not report success: the process is being stopped).
   */
  public boolean finish() {
    synchronized (lock) {
      if (finished) {
        return false;
      }
      finished = true;
      return true;
    }
  }

  /** Whether {@link #finish} or {@link #stopFromOutside} has been called. */
  public boolean finished() {
    synchronized (lock) {
      return finished;
    }
  }

  /**
   * For the watchdog: takes over the run unless it has finished, and removes the files it made.
   * Returns false when the run finished first.
   */
  public boolean stopFromOutside() {
    synchronized (lock) {
      if (finished) {
        return false;
      }
      finished = true;
      for (Path p : removeOnTimeout) {
        try {
          Files.deleteIfExists(p);
        } catch (java.io.IOException | RuntimeException e) {
          // Best effort: the process is about to end.
        }
      }
      return true;
    }
  }

  /** Allowances and deadline; starts from the defaults. */
  public static final class Builder {
    private final long[] limits = new long[Kind.values().length];
    private long deadlineSeconds = DEFAULT_DEADLINE_S;

    private Builder() {
      for (Kind k : Kind.values()) {
        limits[k.ordinal()] = k.defaultLimit;
      }
    }

    /** Adds room for copying out a kernel and a ramdisk of up to {@code bytes} each. */
    public Builder bootFiles(long bytes) {
      limits[Kind.DISK_BYTES.ordinal()] += 2 * bytes;
      limits[Kind.DECOMPRESSED_BYTES.ordinal()] += 2 * bytes;
      return this;
    }

    public Builder limit(Kind k, long n) {
      limits[k.ordinal()] = n;
      return this;
    }

    /** Whole seconds of wall time; 0 for none. */
    public Builder deadlineSeconds(long s) {
      deadlineSeconds = s;
      return this;
    }

    public Budget build() {
      return new Budget(limits, deadlineSeconds, true);
    }
  }
}
