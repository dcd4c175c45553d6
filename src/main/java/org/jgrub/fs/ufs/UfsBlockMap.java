package org.jgrub.fs.ufs;

import java.io.IOException;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * Maps a file offset to fragments through the inode's 12 direct pointers and its single, double
 * and triple indirect blocks (McKusick et al., "The Design and Implementation of the 4.4BSD
 * Operating System", 8.2). A zero pointer is a hole; a zero indirect pointer is a hole as large as
 * everything it would have mapped. Consecutive contiguous pointers in one array become one run.
 * The indirect block read last at each level is kept, so a sequential read fetches each once.
 */
final class UfsBlockMap implements RunMap {
  private final BlockDevice dev;
  private final UfsSuperblock sb;
  private final UfsInode inode;
  /** "volume: UFS ", the start of every message. */
  private final String vol;
  private final long[] cachedAddr = new long[UfsInode.NIADDR];
  private final long[][] cachedPtrs = new long[UfsInode.NIADDR][];

  private final Limits limits;

  UfsBlockMap(BlockDevice dev, UfsSuperblock sb, UfsInode inode, Limits limits)
      throws CorruptDataException {
    this.dev = dev;
    this.limits = limits;
    this.sb = sb;
    this.inode = inode;
    this.vol = dev.describe() + ": UFS ";
    long maxBlocks = UfsInode.NDADDR;
    long span = 1;
    for (int i = 0; i < UfsInode.NIADDR; i++) {
      span = satMul(span, sb.nindir());
      maxBlocks = satAdd(maxBlocks, span);
    }
    long needed = inode.size() / sb.bsize() + 1;
    if (needed > maxBlocks) {
      throw new CorruptDataException(vol + inode.where() + ": size " + inode.size()
          + " is larger than 12 direct and 3 indirect levels can map");
    }
  }

  @Override
  public Run runAt(long pos) throws IOException {
    long bsize = sb.bsize();
    long lbn = pos / bsize;
    if (lbn < UfsInode.NDADDR) {
      return run(lbn, inode.direct(), (int) lbn, UfsInode.NDADDR - lbn);
    }
    long rel = lbn - UfsInode.NDADDR;
    long span = 1;
    for (int level = 0; level < UfsInode.NIADDR; level++) {
      span = satMul(span, sb.nindir());
      if (rel < span) {
        return walk(lbn, level, rel, span);
      }
      rel -= span;
    }
    throw new CorruptDataException(vol + inode.where() + ": block " + lbn + " beyond the triple"
        + " indirect range");
  }

  /** Descends from di_ib[level] to the pointer for {@code rel}, the block's index in the tree. */
  private Run walk(long lbn, int level, long rel, long span) throws IOException {
    Limits.check(level + 1L, limits.treeDepth, vol + inode.where() + " indirect depth");
    long ptr = inode.indirect()[level];
    long sub = span;
    for (int depth = level; depth >= 0; depth--) {
      if (ptr == 0) {
        // Nothing below this pointer is allocated: a hole up to the end of its subtree.
        return hole(lbn, sub - rel);
      }
      sub /= sb.nindir();
      long[] ptrs = indirect(depth, ptr, level);
      int idx = (int) (rel / sub);
      rel %= sub;
      if (depth == 0) {
        return run(lbn, ptrs, idx, ptrs.length - idx);
      }
      ptr = ptrs[idx];
    }
    throw new IllegalStateException("unreachable");
  }

  /** The run starting at {@code ptrs[idx]}, extended over contiguous pointers. */
  private Run run(long lbn, long[] ptrs, int idx, long avail) throws CorruptDataException {
    long addr = ptrs[idx];
    long bsize = sb.bsize();
    long lastLbn = (inode.size() - 1) / bsize;
    long max = Math.min(avail, lastLbn - lbn + 1);
    if (max < 1) {
      max = 1;
    }
    int n = 1;
    if (addr == 0) {
      while (n < max && ptrs[idx + n] == 0) {
        n++;
      }
      return hole(lbn, n);
    }
    checkAddr(addr, 1, "data block " + lbn);
    while (n < max && ptrs[idx + n] == addr + (long) n * sb.frag()) {
      n++;
    }
    checkAddr(addr + (long) (n - 1) * sb.frag(), 1, "data block " + (lbn + n - 1));
    return new Run(lbn * bsize, Math.multiplyExact(addr, (long) sb.fsize()), n * bsize);
  }

  private Run hole(long lbn, long blocks) {
    long bsize = sb.bsize();
    long len = satMul(blocks, bsize);
    return new Run(lbn * bsize, -1, Math.min(len, Long.MAX_VALUE - lbn * bsize));
  }

  /** The pointers in the indirect block at fragment {@code addr}. */
  private long[] indirect(int depth, long addr, int level) throws IOException {
    if (cachedAddr[depth] == addr && cachedPtrs[depth] != null) {
      return cachedPtrs[depth];
    }
    String desc = "level-" + (level - depth + 1) + " block of the "
        + (level == 0 ? "single" : level == 1 ? "double" : "triple") + " indirect tree";
    String what = vol + inode.where() + ": " + desc;
    checkAddr(addr, sb.frag(), desc);
    long off = Math.multiplyExact(addr, (long) sb.fsize());
    dev.checkRange(off, sb.bsize(), what);
    ByteView v = ByteView.read(dev, off, sb.bsize(), what);
    long[] ptrs = new long[sb.nindir()];
    boolean be = sb.bigEndian();
    for (int i = 0; i < ptrs.length; i++) {
      int at = i * sb.pointerSize();
      ptrs[i] = sb.ufs2() ? v.u64(at, be) : v.u32(at, be);
      if (ptrs[i] < 0) {
        throw v.corrupt("pointer " + i + " is negative");
      }
    }
    cachedAddr[depth] = addr;
    cachedPtrs[depth] = ptrs;
    return ptrs;
  }

  /** Throws unless {@code frags} fragments from {@code addr} lie inside the filesystem. */
  private void checkAddr(long addr, int frags, String what) throws CorruptDataException {
    if (addr < 0 || addr > sb.sizeFrags() - frags) {
      throw new CorruptDataException(vol + inode.where() + ": " + what + " at fragment " + addr
          + " lies outside the filesystem (" + sb.sizeFrags() + " fragments)");
    }
  }

  private static long satMul(long a, long b) {
    long r = a * b;
    return (a != 0 && (r / a != b || r < 0)) ? Long.MAX_VALUE : r;
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
