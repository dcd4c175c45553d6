package org.jgrub.fs.btrfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A btrfs key (struct btrfs_disk_key: objectid u64, type u8, offset u64, little-endian), ordered
 * by objectid, type, then offset, all unsigned.
 */
record BtrfsKey(long objectId, int type, long offset) implements Comparable<BtrfsKey> {
  static final int SIZE = 17;

  static BtrfsKey read(ByteView v, int off) throws CorruptDataException {
    return new BtrfsKey(v.u64le(off), v.u8(off + 8), v.u64le(off + 9));
  }

  @Override
  public int compareTo(BtrfsKey o) {
    int c = Long.compareUnsigned(objectId, o.objectId);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(type, o.type);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(offset, o.offset);
  }

  @Override
  public String toString() {
    return "(" + Long.toUnsignedString(objectId) + " " + type + " " + Long.toUnsignedString(offset)
        + ")";
  }
}
