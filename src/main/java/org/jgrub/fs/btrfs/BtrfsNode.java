package org.jgrub.fs.btrfs;

import java.util.Arrays;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A checked tree block (struct btrfs_header, then key pointers in a node or items in a leaf):
 * checksum, own address, filesystem id, level, item bounds and strictly ascending keys were all
 * verified when it was read.
 */
final class BtrfsNode {
  static final int OFF_FSID = 32;
  static final int OFF_BYTENR = 48;
  static final int OFF_NRITEMS = 96;
  static final int OFF_LEVEL = 100;
  static final int HEADER = 101;
  static final int ITEM = 25; // key, offset u32, size u32
  static final int ITEM_OFF_OFFSET = 17;
  static final int ITEM_OFF_SIZE = 21;
  static final int KEY_PTR = 33; // key, blockptr u64, generation u64
  static final int KEY_PTR_OFF_BLOCKPTR = 17;

  final long logical;
  final int level;
  final int count;
  final ByteView v;
  private final BtrfsKey[] keys;

  private BtrfsNode(long logical, int level, int count, ByteView v, BtrfsKey[] keys) {
    this.logical = logical;
    this.level = level;
    this.count = count;
    this.v = v;
    this.keys = keys;
  }

  static BtrfsNode parse(BtrfsSuperblock sb, byte[] raw, long logical, long physical,
      int expectLevel, String tree) throws CorruptDataException {
    String what = tree + " tree block at logical 0x" + Long.toHexString(logical);
    sb.csum().verify(raw, raw.length, what, physical);
    ByteView v = ByteView.of(raw, "btrfs " + what, physical);
    if (v.u64le(OFF_BYTENR) != logical) {
      throw v.corrupt("records its address as 0x" + Long.toHexString(v.u64le(OFF_BYTENR)));
    }
    if (!Arrays.equals(v.bytes(OFF_FSID, 16), sb.metadataUuid())) {
      throw v.corrupt("belongs to another filesystem (fsid differs)");
    }
    int level = v.u8(OFF_LEVEL);
    if (level != expectLevel) {
      throw v.corrupt("level " + level + " where level " + expectLevel + " was expected");
    }
    long n = v.u32le(OFF_NRITEMS);
    int unit = level == 0 ? ITEM : KEY_PTR;
    if (n > (raw.length - HEADER) / unit || (level > 0 && n == 0)) {
      throw v.corrupt(n + " items do not fit");
    }
    int count = (int) n;
    BtrfsKey[] keys = new BtrfsKey[count];
    for (int i = 0; i < count; i++) {
      keys[i] = BtrfsKey.read(v, HEADER + i * unit);
      if (i > 0 && keys[i - 1].compareTo(keys[i]) >= 0) {
        throw v.corrupt("keys out of order at slot " + i + ": " + keys[i - 1] + " then "
            + keys[i]);
      }
      if (level == 0) {
        long off = v.u32le(HEADER + i * ITEM + ITEM_OFF_OFFSET);
        long size = v.u32le(HEADER + i * ITEM + ITEM_OFF_SIZE);
        if (off + size > raw.length - HEADER || off < (long) count * ITEM) {
          throw v.corrupt("item " + i + " data (+" + off + ", " + size + " bytes) out of bounds");
        }
      }
    }
    return new BtrfsNode(logical, level, count, v, keys);
  }

  BtrfsKey key(int i) {
    return keys[i];
  }

  /** The child block address of key pointer {@code i} (nodes only). */
  long child(int i) throws CorruptDataException {
    return v.u64le(HEADER + i * KEY_PTR + KEY_PTR_OFF_BLOCKPTR);
  }

  /** The data of item {@code i} (leaves only). */
  ByteView item(int i) throws CorruptDataException {
    int off = (int) v.u32le(HEADER + i * ITEM + ITEM_OFF_OFFSET);
    int size = (int) v.u32le(HEADER + i * ITEM + ITEM_OFF_SIZE);
    return v.slice(HEADER + off, size, v.what() + " item " + i + " " + keys[i]);
  }

  /** The last slot whose key is at most {@code k}, or -1. */
  int floor(BtrfsKey k) {
    int lo = 0;
    int hi = count - 1;
    int ans = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid].compareTo(k) <= 0) {
        ans = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return ans;
  }
}
