package org.jgrub.fs.xfs;

import java.util.List;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.CorruptDataException;

/**
 * Maps file offsets to device bytes through a sorted extent list. Gaps between extents are holes,
 * and so are unwritten (preallocated) extents: XFS returns zeros for them until written.
 */
final class XfsRunMap implements RunMap {
  private final XfsSuperblock sb;
  private final long ino;
  private final List<XfsExtent> extents;
  private final int log;
  private final long maxBlock;

  XfsRunMap(XfsSuperblock sb, long ino, List<XfsExtent> extents) {
    this.sb = sb;
    this.ino = ino;
    this.extents = extents;
    this.log = sb.blockLog();
    this.maxBlock = Long.MAX_VALUE >>> log;
  }

  @Override
  public Run runAt(long pos) throws CorruptDataException {
    long fb = pos >>> log;
    XfsExtent e = XfsExtent.find(extents, fb);
    if (e == null) {
      int next = XfsExtent.nextAfter(extents, fb);
      long nextBlock = next < extents.size() ? extents.get(next).fileBlock() : Long.MAX_VALUE;
      long end = nextBlock > maxBlock ? Long.MAX_VALUE : nextBlock << log;
      return new Run(pos, -1, end - pos);
    }
    long start = e.fileBlock() << log;
    long len = Math.min(e.blocks(), maxBlock - e.fileBlock()) << log;
    if (e.unwritten()) {
      return new Run(start, -1, len);
    }
    String what = "inode " + ino + " extent";
    long at = sb.fsbToByte(e.fsBlock(), what);
    long last = sb.fsbToByte(e.fsBlock() + e.blocks() - 1, what);
    // Extents never cross an allocation group; one that claims to is corrupt.
    if (last - at != (e.blocks() - 1) << log) {
      throw new CorruptDataException(
          "xfs: " + what + " at file block " + e.fileBlock() + " crosses an allocation group");
    }
    return new Run(start, at, len);
  }
}
