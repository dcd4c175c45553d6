package org.jgrub.fs.zfs;

import java.io.IOException;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * An object set (objset_phys_t): the meta-dnode whose data is an array of 512-byte dnode slots,
 * object {@code n} at byte {@code n * 512}. The MOS and every dataset are one each.
 */
final class ObjectSet {
  private static final int META_DNODE = 0;
  private static final int OS_TYPE = 704;
  static final int TYPE_META = 1;
  static final int TYPE_ZFS = 2;

  final ZfsPool pool;
  final Dnode meta;
  final long type;
  final String name;

  private ObjectSet(ZfsPool pool, Dnode meta, long type, String name) {
    this.pool = pool;
    this.meta = meta;
    this.type = type;
    this.name = name;
  }

  static ObjectSet open(ZfsPool pool, BlockPtr bp, String name) throws IOException {
    if (bp.isHole()) {
      throw new CorruptDataException("ZFS: " + name + ": object set block pointer is a hole");
    }
    ZfsPool.Block b = pool.readBlock(bp, name + " object set");
    ByteView v = ByteView.of(b.data(), "ZFS " + name + " objset");
    Dnode meta = Dnode.parse(v, META_DNODE, b.bigEndian(), -1);
    long type = v.length() > OS_TYPE + 8 ? v.u64(OS_TYPE, b.bigEndian()) : 0;
    return new ObjectSet(pool, meta, type, name);
  }

  /** The dnode of object {@code obj}. */
  Dnode dnode(long obj) throws IOException {
    if (obj < 0 || meta.dataBlkSize() < Dnode.SLOT) {
      throw new CorruptDataException("ZFS: " + name + ": object " + obj + " out of range");
    }
    long byteOff = Math.multiplyExact(obj, (long) Dnode.SLOT);
    long blkid = byteOff / meta.dataBlkSize();
    int inBlock = (int) (byteOff % meta.dataBlkSize());
    ZfsPool.Block b = pool.readObjectBlock(meta, blkid, name + " dnode " + obj);
    if (b == null) {
      throw new CorruptDataException("ZFS: " + name + ": object " + obj + " is not allocated");
    }
    ByteView v = ByteView.of(b.data(), "ZFS " + name + " dnode " + obj);
    Dnode d = Dnode.parse(v, inBlock, b.bigEndian(), obj);
    if (d.type() == Dnode.OT_NONE) {
      throw new CorruptDataException("ZFS: " + name + ": object " + obj + " is free");
    }
    return d;
  }

  /**
   * The dnode of {@code obj}, checked to be of {@code type}: as object type, or as bonus type of
   * an object whose type is the extensible-dataset ZAP (DMU_OTN_ZAP_METADATA).
   */
  Dnode dnode(long obj, int type, String what) throws IOException {
    Dnode d = dnode(obj);
    if (d.type() != type && d.bonusType() != type) {
      throw new CorruptDataException("ZFS: " + name + ": object " + obj + " (" + what
          + ") has type " + d.type() + ", expected " + type);
    }
    return d;
  }
}
