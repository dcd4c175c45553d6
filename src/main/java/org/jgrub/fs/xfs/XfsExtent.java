package org.jgrub.fs.xfs;

import java.util.List;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One data fork extent (xfs_format.h, struct xfs_bmbt_rec: 128 bits, big-endian): bit 127 the
 * unwritten flag, 54 bits of file block offset, 52 bits of filesystem block, 21 bits of length.
 */
record XfsExtent(long fileBlock, long fsBlock, long blocks, boolean unwritten) {
  static final int SIZE = 16;
  private static final long MASK21 = (1L << 21) - 1;
  private static final long MASK9 = (1L << 9) - 1;
  private static final long MASK54 = (1L << 54) - 1;

  static XfsExtent decode(ByteView v, int off) throws CorruptDataException {
    long l0 = v.u64be(off);
    long l1 = v.u64be(off + 8);
    boolean unwritten = l0 < 0;
    long startOff = (l0 >>> 9) & MASK54;
    long startBlock = ((l0 & MASK9) << 43) | (l1 >>> 21);
    long count = l1 & MASK21;
    if (count == 0) {
      throw v.corrupt("extent record with zero length at offset " + off);
    }
    return new XfsExtent(startOff, startBlock, count, unwritten);
  }

  long endBlock() {
    return fileBlock + blocks;
  }

  /** The extent holding file block {@code fb}, or null (binary search: extents are sorted). */
  static XfsExtent find(List<XfsExtent> extents, long fb) {
    int lo = 0;
    int hi = extents.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      XfsExtent e = extents.get(mid);
      if (fb < e.fileBlock()) {
        hi = mid - 1;
      } else if (fb >= e.endBlock()) {
        lo = mid + 1;
      } else {
        return e;
      }
    }
    return null;
  }

  /** Index of the first extent starting after {@code fb}, or size() if none. */
  static int nextAfter(List<XfsExtent> extents, long fb) {
    int lo = 0;
    int hi = extents.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (extents.get(mid).fileBlock() <= fb) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
