package org.jgrub.fs.reiserfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A ReiserFS key, normalised from either on-disk form: 3.5 keys store a 32-bit offset and a
 * 32-bit "uniqueness" naming the item type, 3.6 keys a 64-bit word with the type in its top four
 * bits. Keys order by directory id, object id, offset, then type (Linux comp_keys).
 *
 * @param dirId k_dir_id (the parent directory's object id; packs an object near its directory)
 * @param objectId k_objectid
 * @param offset byte offset + 1 for file data, hash for directory entries, 0 for stat data
 * @param type one of {@link #SD}, {@link #INDIRECT}, {@link #DIRECT}, {@link #DIRENTRY}
 */
record ReiserKey(long dirId, long objectId, long offset, int type)
    implements Comparable<ReiserKey> {
  static final int SIZE = 16;
  static final int SD = 0;
  static final int INDIRECT = 1;
  static final int DIRECT = 2;
  static final int DIRENTRY = 3;
  static final int ANY = 15;

  /** Item header ih_version values: which key and stat-data format an item uses. */
  static final int FORMAT_35 = 0;

  static final int FORMAT_36 = 1;

  // 3.5 "uniqueness" values (reiserfs.h V1_*_UNIQUENESS).
  static final long V1_SD = 0;
  static final long V1_INDIRECT = 0xfffffffeL;
  static final long V1_DIRECT = 0xffffffffL;
  static final long V1_DIRENTRY = 500;
  static final long V1_ANY = 0xfffffffdL;

  private static final int K_DIR_ID = 0;
  private static final int K_OBJECTID = 4;
  private static final int K_OFFSET = 8;
  private static final int K_UNIQUENESS = 12;
  private static final long OFFSET_MASK = (1L << 60) - 1;

  /** Parses a key whose format is known (from its item header's ih_version). */
  static ReiserKey parse(ByteView v, int off, int format) throws CorruptDataException {
    long dir = v.u32le(off + K_DIR_ID);
    long obj = v.u32le(off + K_OBJECTID);
    if (format == FORMAT_36) {
      long raw = v.u64le(off + K_OFFSET);
      return new ReiserKey(dir, obj, raw & OFFSET_MASK, (int) (raw >>> 60));
    }
    long uniq = v.u32le(off + K_UNIQUENESS);
    int type;
    if (uniq == V1_SD) {
      type = SD;
    } else if (uniq == V1_INDIRECT) {
      type = INDIRECT;
    } else if (uniq == V1_DIRECT) {
      type = DIRECT;
    } else if (uniq == V1_DIRENTRY) {
      type = DIRENTRY;
    } else {
      type = ANY;
    }
    return new ReiserKey(dir, obj, v.u32le(off + K_OFFSET), type);
  }

  /**
   * Parses a key of an internal node, which carries no format: a 3.6 key has type 1, 2 or 3 in
   * its top bits, anything else is read as 3.5 (Linux le_key_version).
   */
  static ReiserKey parseAny(ByteView v, int off) throws CorruptDataException {
    int t = (int) (v.u64le(off + K_OFFSET) >>> 60);
    return parse(v, off, t == INDIRECT || t == DIRECT || t == DIRENTRY ? FORMAT_36 : FORMAT_35);
  }

  boolean sameObject(ReiserKey o) {
    return dirId == o.dirId && objectId == o.objectId;
  }

  @Override
  public int compareTo(ReiserKey o) {
    int c = Long.compare(dirId, o.dirId);
    if (c == 0) {
      c = Long.compare(objectId, o.objectId);
    }
    if (c == 0) {
      c = Long.compare(offset, o.offset);
    }
    if (c == 0) {
      c = Integer.compare(type, o.type);
    }
    return c;
  }

  @Override
  public String toString() {
    return "[" + dirId + " " + objectId + " " + offset + " type " + type + "]";
  }
}
