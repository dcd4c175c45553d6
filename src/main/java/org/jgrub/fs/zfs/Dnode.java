package org.jgrub.fs.zfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A dnode (dnode_phys_t): one object's type, block geometry, up to three top-level block pointers,
 * its bonus buffer and, with the spill flag, a block pointer to more system attributes in the
 * last 128 bytes. Large dnodes span {@code 1 + extra_slots} 512-byte slots.
 */
record Dnode(
    long objnum,
    int type,
    int indBlkShift,
    int nlevels,
    BlockPtr[] blkptrs,
    int bonusType,
    int dataBlkSize,
    long maxBlkId,
    byte[] bonus,
    BlockPtr spill,
    boolean bigEndian) {
  static final int SLOT = 512;
  private static final int TYPE = 0;
  private static final int INDBLKSHIFT = 1;
  private static final int NLEVELS = 2;
  private static final int NBLKPTR = 3;
  private static final int BONUSTYPE = 4;
  private static final int FLAGS = 7;
  private static final int DATABLKSZSEC = 8;
  private static final int BONUSLEN = 10;
  private static final int EXTRA_SLOTS = 12;
  private static final int MAXBLKID = 16;
  private static final int BLKPTR = 64;
  private static final int FLAG_SPILL_BLKPTR = 1 << 2;

  static final int OT_NONE = 0;
  static final int OT_OBJECT_DIRECTORY = 1;
  static final int OT_DSL_DIR = 12;
  static final int OT_DSL_DATASET = 16;
  static final int OT_ZNODE = 17;
  static final int OT_PLAIN_FILE = 19;
  static final int OT_DIRECTORY = 20;
  static final int OT_MASTER_NODE = 21;
  static final int OT_SA = 44;

  /** How many 512-byte slots the dnode at {@code off} claims (1 for a free slot). */
  static int slots(ByteView v, int off) throws CorruptDataException {
    return v.u8(off + TYPE) == OT_NONE ? 1 : v.u8(off + EXTRA_SLOTS) + 1;
  }

  static Dnode parse(ByteView v, int off, boolean be, long objnum) throws CorruptDataException {
    int type = v.u8(off + TYPE);
    int size = slots(v, off) * SLOT;
    v.check(off, size);
    int nblkptr = v.u8(off + NBLKPTR);
    int flags = v.u8(off + FLAGS);
    boolean spill = (flags & FLAG_SPILL_BLKPTR) != 0;
    int bonusLen = v.u16(off + BONUSLEN, be);
    int bonusAt = BLKPTR + nblkptr * BlockPtr.SIZE;
    int room = size - (spill ? BlockPtr.SIZE : 0);
    if (type != OT_NONE && (nblkptr < 1 || bonusAt > room || bonusLen > room - bonusAt)) {
      throw v.corrupt("dnode " + objnum + ": " + nblkptr + " block pointers and " + bonusLen
          + " bonus bytes do not fit its " + size + " bytes");
    }
    BlockPtr[] bps = new BlockPtr[type == OT_NONE ? 0 : nblkptr];
    for (int i = 0; i < bps.length; i++) {
      bps[i] = BlockPtr.parse(v, off + BLKPTR + i * BlockPtr.SIZE, be);
    }
    byte[] bonus = type == OT_NONE ? new byte[0] : v.bytes(off + bonusAt, bonusLen);
    BlockPtr sp = spill ? BlockPtr.parse(v, off + size - BlockPtr.SIZE, be) : null;
    return new Dnode(objnum, type, v.u8(off + INDBLKSHIFT), v.u8(off + NLEVELS), bps,
        v.u8(off + BONUSTYPE), v.u16(off + DATABLKSZSEC, be) * 512, v.u64(off + MAXBLKID, be),
        bonus, sp, be);
  }

  ByteView bonusView(String what) {
    return ByteView.of(bonus, what);
  }
}
