package org.jgrub.fs.xfs;

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
}
