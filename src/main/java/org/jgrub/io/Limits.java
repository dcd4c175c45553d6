package org.jgrub.io;

/**
 * Every bound on the size of one structure that protects jgrub from a hostile guest, in one place.
 * One instance belongs to a run and travels with it inside {@link Bounds}: the command line makes
 * it from pygrub's environment variables and jgrub's options, a library caller passes its own, and
 * every parser reads the one it was handed. There is no process-wide instance.
 *
 * <p>Each bound is far above what a genuine boot volume needs; hitting one raises {@link
 * LimitExceededException} naming the structure, its location and this bound.
 */
public final class Limits {
  /** Bytes of one configuration file read (pygrub reads at most 1 MiB too). */
  public final int configFileBytes;
  /** Nesting of source/configfile/INCLUDE. */
  public final int includeDepth;
  /**
   * Symbolic links followed while resolving one path: Linux's bound (MAXSYMLINKS, 40). GRUB's
   * fshelp is stricter: it gives up at the 8th link ({@code ++symlinknest == 8} in
   * grub-core/fs/fshelp.c), so every path GRUB resolves, jgrub resolves too.
   */
  public final int symlinkHops;
  /** Entries returned for one directory. */
  public final int dirEntries;
  /** Depth of any on-disk tree (extent trees, B+trees, S+trees, indirect blocks). */
  public final int treeDepth;
  /** Extents, runs or chain links that make up one file. */
  public final int extentsPerFile;
  /** Links in a chain of partition tables (extended partitions). */
  public final int partitionChain;
  /** Bytes one compressed block may decompress to. */
  public final int decompressedBlockBytes;
  /** Bytes of a kernel or initrd copied out of the guest. */
  public final long bootFileBytes;
  /** Loop iterations, function calls and commands executed in one config script run. */
  public final int scriptSteps;
  /** Depth of nested function calls and blocks in a config script. */
  public final int scriptDepth;
  /** Menu entries in one menu (all levels). */
  public final int menuEntries;
  /** Length of one expanded string (title, arguments, variable value). */
  public final int stringBytes;
  /** Bytes of metadata read and cached while opening one volume. */
  public final long metadataBytes;

  private Limits(Builder b) {
    configFileBytes = b.configFileBytes;
    includeDepth = b.includeDepth;
    symlinkHops = b.symlinkHops;
    dirEntries = b.dirEntries;
    treeDepth = b.treeDepth;
    extentsPerFile = b.extentsPerFile;
    partitionChain = b.partitionChain;
    decompressedBlockBytes = b.decompressedBlockBytes;
    bootFileBytes = b.bootFileBytes;
    scriptSteps = b.scriptSteps;
    scriptDepth = b.scriptDepth;
    menuEntries = b.menuEntries;
    stringBytes = b.stringBytes;
    metadataBytes = b.metadataBytes;
  }

  public static final Limits DEFAULT = new Builder().build();

  public Builder toBuilder() {
    Builder b = new Builder();
    b.configFileBytes = configFileBytes;
    b.includeDepth = includeDepth;
    b.symlinkHops = symlinkHops;
    b.dirEntries = dirEntries;
    b.treeDepth = treeDepth;
    b.extentsPerFile = extentsPerFile;
    b.partitionChain = partitionChain;
    b.decompressedBlockBytes = decompressedBlockBytes;
    b.bootFileBytes = bootFileBytes;
    b.scriptSteps = scriptSteps;
    b.scriptDepth = scriptDepth;
    b.menuEntries = menuEntries;
    b.stringBytes = stringBytes;
    b.metadataBytes = metadataBytes;
    return b;
  }

  /** Throws when {@code value} exceeds {@code bound}; {@code what} names the structure. */
  public static void check(long value, long bound, String what) throws LimitExceededException {
    if (value > bound) {
      throw new LimitExceededException(what + ": " + value + " exceeds the limit of " + bound);
    }
  }

  /** Mutable builder; defaults are the shipped limits. */
  public static final class Builder {
    public int configFileBytes = 1 << 20;
    public int includeDepth = 8;
    public int symlinkHops = 40;
    public int dirEntries = 1_000_000;
    public int treeDepth = 32;
    public int extentsPerFile = 1_000_000;
    public int partitionChain = 256;
    public int decompressedBlockBytes = 16 << 20;
    public long bootFileBytes = 128L << 20;
    public int scriptSteps = 1_000_000;
    public int scriptDepth = 64;
    public int menuEntries = 10_000;
    public int stringBytes = 1 << 20;
    public long metadataBytes = 256L << 20;

    public Limits build() {
      return new Limits(this);
    }
  }
}
