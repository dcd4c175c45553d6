package org.jgrub.fs.btrfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A chunk (struct btrfs_chunk): {@code length} bytes of the logical address space from {@code
 * logical}, stored in {@code stripes} with the given profile.
 */
record BtrfsChunk(
    long logical, long length, long stripeLen, long type, int subStripes, long[] devIds,
    long[] devOffsets, byte[][] devUuids) {
  static final int OFF_LENGTH = 0;
  static final int OFF_STRIPE_LEN = 16;
  static final int OFF_TYPE = 24;
  static final int OFF_NUM_STRIPES = 44;
  static final int OFF_SUB_STRIPES = 46;
  static final int HEADER = 48;
  static final int STRIPE = 32; // devid, offset, dev_uuid[16]
  static final int STRIPE_OFF_OFFSET = 8;
  static final int STRIPE_OFF_UUID = 16;

  /** Parses the chunk item at {@code off} of {@code v}; returns it with its byte length. */
  static BtrfsChunk parse(ByteView v, int off, long logical) throws CorruptDataException {
    long length = v.u64le(off + OFF_LENGTH);
    long stripeLen = v.u64le(off + OFF_STRIPE_LEN);
    long type = v.u64le(off + OFF_TYPE);
    int n = v.u16le(off + OFF_NUM_STRIPES);
    int sub = v.u16le(off + OFF_SUB_STRIPES);
    if (n < 1 || length <= 0 || logical < 0 || logical + length < logical
        || stripeLen <= 0 || Long.bitCount(stripeLen) != 1 || stripeLen > (1L << 30)) {
      throw v.corrupt(
          "chunk at logical 0x" + Long.toHexString(logical) + ": length " + length + ", "
              + n + " stripes of " + stripeLen);
    }
    v.check(off, HEADER + (long) n * STRIPE);
    long[] ids = new long[n];
    long[] offs = new long[n];
    byte[][] uuids = new byte[n][];
    for (int i = 0; i < n; i++) {
      int s = off + HEADER + i * STRIPE;
      ids[i] = v.u64le(s);
      offs[i] = v.u64le(s + STRIPE_OFF_OFFSET);
      uuids[i] = v.bytes(s + STRIPE_OFF_UUID, 16);
      if (offs[i] < 0) {
        throw v.corrupt("chunk stripe " + i + " at a negative device offset");
      }
    }
    return new BtrfsChunk(logical, length, stripeLen, type, sub, ids, offs, uuids);
  }

  static int size(int numStripes) {
    return HEADER + numStripes * STRIPE;
  }
}
