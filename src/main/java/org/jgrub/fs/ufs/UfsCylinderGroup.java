package org.jgrub.fs.ufs;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The header of one cylinder group ({@code struct cg}): checked before an inode of the group is
 * used, because a group whose magic is gone means the inode table behind it cannot be trusted.
 *
 * @param index the group number
 * @param initedInodes UFS2 inodes initialised so far (newfs leaves the rest unwritten, so they
 *     hold whatever the disk held); UFS1 groups have every inode initialised
 */
record UfsCylinderGroup(long index, long initedInodes) {
  static final int CG_MAGIC = 0x090255;
  private static final int CG_MAGIC_OFF = 4;
  private static final int CG_CGX = 12;
  private static final int CG_INITEDIBLK = 120;
  private static final int HEADER = 128;

  static UfsCylinderGroup read(BlockDevice dev, UfsSuperblock sb, long c) throws IOException {
    long frag = Math.addExact(sb.cgStart(c), sb.cblkno());
    long off = Math.multiplyExact(frag, (long) sb.fsize());
    String what = dev.describe() + ": UFS cylinder group " + c;
    dev.checkRange(off, HEADER, what);
    ByteView v = ByteView.read(dev, off, HEADER, what);
    long magic = v.u32(CG_MAGIC_OFF, sb.bigEndian());
    if (magic != CG_MAGIC) {
      throw v.corrupt("bad magic 0x" + Long.toHexString(magic) + " (expected 0x90255)");
    }
    long cgx = v.u32(CG_CGX, sb.bigEndian());
    if (cgx != c) {
      throw v.corrupt("records itself as group " + cgx);
    }
    long inited = sb.ufs2() ? v.u32(CG_INITEDIBLK, sb.bigEndian()) : sb.ipg();
    return new UfsCylinderGroup(c, Math.min(inited, sb.ipg()));
  }
}
