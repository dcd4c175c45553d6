package org.jgrub.fs.xfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Reads an inode fork's extent list: inline ("extents" format) or from the block map B+tree
 * ("btree" format, xfs_format.h struct xfs_bmdr_block in the inode and xfs_btree_block_lhdr
 * blocks below it). The result is sorted by file offset and never overlaps.
 */
final class XfsBmap {
  private XfsBmap() {}

  static final long MAGIC_BMAP = 0x424d4150L; // "BMAP" (v4)
  static final long MAGIC_BMA3 = 0x424d4133L; // "BMA3" (v5)
  static final int BMDR_HDR = 4; // bb_level, bb_numrecs
  static final int LHDR_V4 = 24; // magic, level, numrecs, leftsib, rightsib
  static final int LHDR_V5 = 72; // + blkno, lsn, uuid, owner, crc, pad
  static final int LHDR_OFF_LEVEL = 4;
  static final int LHDR_OFF_NUMRECS = 6;
  static final int LHDR_OFF_OWNER = 56;
  static final int LHDR_OFF_CRC = 64;
  static final int KEY = 8;
  static final int PTR = 8;

  /** The extents stored directly in the fork ({@code count} records). */
  static List<XfsExtent> inline(ByteView fork, long count, long ino, Limits limits) throws CorruptDataException {
    Limits.check(count, limits.extentsPerFile, "xfs inode " + ino + " extents");
    if (count * XfsExtent.SIZE > fork.length()) {
      throw fork.corrupt(count + " extents do not fit in the inode fork");
    }
    List<XfsExtent> out = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      add(out, XfsExtent.decode(fork, i * XfsExtent.SIZE), fork);
    }
    return out;
  }

  /** The extents of a B+tree-format fork whose root is {@code fork}. */
  static List<XfsExtent> btree(BlockDevice dev, XfsSuperblock sb, ByteView fork, long ino,
      Limits limits)
      throws IOException {
    int level = fork.u16be(0);
    int numrecs = fork.u16be(2);
    int maxrecs = (fork.length() - BMDR_HDR) / (KEY + PTR);
    if (level < 1 || level > limits.treeDepth || numrecs < 1 || numrecs > maxrecs) {
      throw fork.corrupt(
          "inode " + ino + " block map root: level " + level + ", " + numrecs + " records");
    }
    List<XfsExtent> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    int ptrBase = BMDR_HDR + maxrecs * KEY;
    for (int i = 0; i < numrecs; i++) {
      walk(dev, sb, fork.u64be(ptrBase + i * PTR), level - 1, ino, out, seen, limits);
    }
    return out;
  }

  /**
   * Visits a subtree; the level must fall by one at each step, so the depth is bounded by the
   * root's level (itself bounded by Limits.treeDepth), and a block seen twice is a cycle.
   */
  private static void walk(
      BlockDevice dev, XfsSuperblock sb, long fsb, int level, long ino, List<XfsExtent> out,
      Set<Long> seen, Limits limits)
      throws IOException {
    String what = "inode " + ino + " block map block";
    long at = sb.fsbToByte(fsb, what);
    if (!seen.add(fsb)) {
      throw new CorruptDataException(
          "xfs: " + what + " at byte 0x" + Long.toHexString(at) + " is reached twice (a loop)");
    }
    Limits.check(seen.size(), limits.extentsPerFile, "xfs " + what + "s");
    dev.checkRange(at, sb.blockSize(), what);
    byte[] raw = dev.read(at, sb.blockSize());
    ByteView b = ByteView.of(raw, "xfs " + what, at);
    int hdr;
    if (sb.v5()) {
      if (b.u32be(0) != MAGIC_BMA3) {
        throw b.corrupt("bad magic 0x" + Long.toHexString(b.u32be(0)));
      }
      XfsCrc.verify(raw, raw.length, LHDR_OFF_CRC, what, at);
      if (b.u64be(LHDR_OFF_OWNER) != ino) {
        throw b.corrupt("owned by inode " + b.u64be(LHDR_OFF_OWNER) + ", not " + ino);
      }
      hdr = LHDR_V5;
    } else {
      if (b.u32be(0) != MAGIC_BMAP) {
        throw b.corrupt("bad magic 0x" + Long.toHexString(b.u32be(0)));
      }
      hdr = LHDR_V4;
    }
    int blevel = b.u16be(LHDR_OFF_LEVEL);
    int numrecs = b.u16be(LHDR_OFF_NUMRECS);
    if (blevel != level) {
      throw b.corrupt("level " + blevel + " where level " + level + " was expected");
    }
    if (level == 0) {
      int maxrecs = (raw.length - hdr) / XfsExtent.SIZE;
      if (numrecs < 1 || numrecs > maxrecs) {
        throw b.corrupt(numrecs + " records in a leaf that holds " + maxrecs);
      }
      Limits.check(
          (long) out.size() + numrecs, limits.extentsPerFile,
          "xfs inode " + ino + " extents");
      for (int i = 0; i < numrecs; i++) {
        add(out, XfsExtent.decode(b, hdr + i * XfsExtent.SIZE), b);
      }
      return;
    }
    int maxrecs = (raw.length - hdr) / (KEY + PTR);
    if (numrecs < 1 || numrecs > maxrecs) {
      throw b.corrupt(numrecs + " records in a node that holds " + maxrecs);
    }
    int ptrBase = hdr + maxrecs * KEY;
    for (int i = 0; i < numrecs; i++) {
      walk(dev, sb, b.u64be(ptrBase + i * PTR), level - 1, ino, out, seen, limits);
    }
  }

  private static void add(List<XfsExtent> out, XfsExtent e, ByteView where)
      throws CorruptDataException {
    if (!out.isEmpty() && out.get(out.size() - 1).endBlock() > e.fileBlock()) {
      throw where.corrupt("extents out of order or overlapping at file block " + e.fileBlock());
    }
    out.add(e);
  }
}
