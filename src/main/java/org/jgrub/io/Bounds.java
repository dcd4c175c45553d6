package org.jgrub.io;

/**
 * What one run may cost a host: the size of any one structure ({@link Limits}) and the total work
 * and wall time ({@link Budget}). Made once per run — by the command line from the environment and
 * options, by a library caller as it chooses — and handed down with the disk to the image and
 * volume readers, each filesystem driver and the config parsers. Nothing reads bounds from a
 * global, so two runs in one process (a library serving several guests, parallel tests) never see
 * each other's.
 */
public record Bounds(Limits limits, Budget budget) {
  /** The shipped limits and a budget that counts nothing: for parsers used outside a run. */
  public static final Bounds DEFAULT = new Bounds(Limits.DEFAULT, Budget.UNLIMITED);

  public Bounds {
    java.util.Objects.requireNonNull(limits, "limits");
    java.util.Objects.requireNonNull(budget, "budget");
  }

  /** These limits with a budget that counts nothing. */
  public static Bounds of(Limits limits) {
    return new Bounds(limits, Budget.UNLIMITED);
  }

  /** The same budget with other limits. */
  public Bounds with(Limits other) {
    return new Bounds(other, budget);
  }
}
