package org.jgrub.fs.zfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * An uberblock (uberblock_t): the root of the pool at one transaction group. The newest valid one
 * by txg, then timestamp, is the pool's current state.
 */
record Uberblock(long version, long txg, long guidSum, long timestamp, BlockPtr rootBp,
    boolean bigEndian, long diskOffset) {
  static final long MAGIC = 0x00bab10cL;
  private static final int VERSION = 8;
  private static final int TXG = 16;
  private static final int GUID_SUM = 24;
  private static final int TIMESTAMP = 32;
  private static final int ROOT_BP = 40;

  /** Parses a slot whose embedded checksum has been verified; null when the magic is wrong. */
  static Uberblock parse(ByteView v, boolean be, long diskOffset) throws CorruptDataException {
    if (v.u64(0, be) != MAGIC) {
      return null;
    }
    return new Uberblock(v.u64(VERSION, be), v.u64(TXG, be), v.u64(GUID_SUM, be),
        v.u64(TIMESTAMP, be), BlockPtr.parse(v, ROOT_BP, be), be, diskOffset);
  }

  /** Whether this uberblock is newer than {@code o} (vdev_uberblock_compare). */
  boolean newerThan(Uberblock o) {
    if (o == null) {
      return true;
    }
    if (txg != o.txg) {
      return Long.compareUnsigned(txg, o.txg) > 0;
    }
    return Long.compareUnsigned(timestamp, o.timestamp) > 0;
  }
}
