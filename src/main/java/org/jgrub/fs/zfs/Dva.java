package org.jgrub.fs.zfs;

/**
 * A data virtual address (dva_t): top-level vdev, allocated size and offset (both in 512-byte
 * sectors on disk), and the gang bit.
 */
record Dva(long vdev, long asize, long offset, boolean gang) {
  private static final int SECTOR_SHIFT = 9;
  private static final long ASIZE_MASK = (1L << 24) - 1;
  private static final long OFFSET_MASK = (1L << 63) - 1;

  static Dva of(long word0, long word1) {
    return new Dva(
        word0 >>> 32,
        (word0 & ASIZE_MASK) << SECTOR_SHIFT,
        (word1 & OFFSET_MASK) << SECTOR_SHIFT,
        word1 < 0);
  }

  boolean isEmpty() {
    return vdev == 0 && asize == 0 && offset == 0 && !gang;
  }

  @Override
  public String toString() {
    return "DVA " + vdev + ":0x" + Long.toHexString(offset) + ":0x" + Long.toHexString(asize)
        + (gang ? " (gang)" : "");
  }
}
