package org.jgrub.fs.ext;

import java.io.IOException;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunMap;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The ext2/ext3 block map: 12 direct pointers, then single-, double- and triple-indirect blocks
 * (ext4 on-disk format, "Direct/Indirect Block Addressing"). Mapped lazily: each lookup reads at
 * most three pointer blocks (the last one of each level is cached) and returns the longest run of
 * contiguous blocks, or of holes, found in one pointer table. Zero pointers are holes.
 */
final class BlockMap implements RunMap {
  static final int DIRECT = 12;
  static final int IND = 12;
  static final int POINTER = 4;

  private final BlockDevice dev;
  private final Superblock sb;
  private final String who;
  private final ByteView iblock;
  private final long perBlock;
  private final long[] cachedBlock = {-1, -1, -1};
  private final ByteView[] cachedView = new ByteView[3];

  BlockMap(BlockDevice dev, Superblock sb, Inode inode, String who) throws CorruptDataException {
    this.dev = dev;
    this.sb = sb;
    this.who = who;
    this.iblock = inode.iblock();
    this.perBlock = sb.blockSize() / POINTER;
  }

  @Override
  public synchronized Run runAt(long pos) throws IOException {
    long bs = sb.blockSize();
    long lb = pos / bs;
    if (lb < DIRECT) {
      return extend(iblock, (int) lb, DIRECT, 0);
    }
    long base = DIRECT;
    long span = perBlock; // logical blocks under the level-1 tree
    for (int level = 1; level <= 3; level++) {
      if (lb < base + span) {
        long ptr = iblock.u32le((IND + level - 1) * POINTER);
        long ptrAt = iblock.diskOffset((IND + level - 1) * POINTER);
        long sub = span;
        for (int l = level; ; l--) {
          if (ptr == 0) {
            return new Run(base * bs, -1, sub * bs);
          }
          checkBlock(ptr, "indirect block", ptrAt);
          ByteView table = table(l - 1, ptr);
          sub /= perBlock; // logical blocks under each entry of this table
          int idx = (int) ((lb - base) / sub);
          if (l == 1) {
            return extend(table, idx, (int) perBlock, base);
          }
          ptr = table.u32le(idx * POINTER);
          ptrAt = table.diskOffset(idx * POINTER);
          base += idx * sub;
        }
      }
      base += span;
      span *= perBlock;
    }
    return new Run(base * bs, -1, Long.MAX_VALUE - base * bs);
  }

  /** The run starting at entry {@code idx} of a pointer table whose entry 0 maps {@code base}. */
  private Run extend(ByteView table, int idx, int entries, long base) throws IOException {
    long first = table.u32le(idx * POINTER);
    int n = 1;
    while (idx + n < entries) {
      long next = table.u32le((idx + n) * POINTER);
      if (first == 0 ? next != 0 : next != first + n) {
        break;
      }
      n++;
    }
    long bs = sb.blockSize();
    long fileOffset = (base + idx) * bs;
    if (first == 0) {
      return new Run(fileOffset, -1, n * bs);
    }
    checkBlock(first, "data block", table.diskOffset(idx * POINTER));
    checkBlock(first + n - 1, "data block", table.diskOffset((idx + n - 1) * POINTER));
    return new Run(fileOffset, first * bs, n * bs);
  }

  private void checkBlock(long b, String what, long at) throws CorruptDataException {
    if (b <= sb.firstDataBlock() || b >= sb.blocksCount()) {
      throw new CorruptDataException(
          who + ": " + what + " pointer " + b + " at byte 0x" + Long.toHexString(at)
              + " lies outside the filesystem (" + sb.blocksCount() + " blocks)");
    }
  }

  private ByteView table(int slot, long block) throws IOException {
    if (cachedBlock[slot] != block) {
      cachedView[slot] = ByteView.read(dev, sb.blockOffset(block), sb.blockSize(),
          who + ": indirect block");
      cachedBlock[slot] = block;
    }
    return cachedView[slot];
  }
}
