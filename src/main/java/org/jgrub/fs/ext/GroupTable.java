package org.jgrub.fs.ext;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The block group descriptors, read one descriptor block at a time and kept in a small LRU
 * cache, so a filesystem with millions of groups costs no more memory than one with ten.
 */
final class GroupTable {
  // Descriptor fields (ext4 on-disk format, "Block Group Descriptors").
  static final int BG_INODE_TABLE_LO = 0x8;
  static final int BG_INODE_TABLE_HI = 0x28;

  /** Descriptor blocks kept: 64 blocks of at most 64 KiB, at most 4 MiB. */
  static final int CACHED_BLOCKS = 64;

  private final BlockDevice dev;
  private final Superblock sb;
  private final int perBlock;
  private final long inodeTableBlocks;
  private final Map<Long, ByteView> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ByteView> eldest) {
          return size() > CACHED_BLOCKS;
        }
      };

  GroupTable(BlockDevice dev, Superblock sb) {
    this.dev = dev;
    this.sb = sb;
    this.perBlock = sb.blockSize() / sb.descSize();
    long tableBytes = sb.inodesPerGroup() * sb.inodeSize();
    this.inodeTableBlocks = (tableBytes + sb.blockSize() - 1) / sb.blockSize();
  }

  /** The first block of group {@code group}'s inode table, checked to lie in the filesystem. */
  synchronized long inodeTable(long group) throws IOException {
    if (group < 0 || group >= sb.groupCount()) {
      throw new CorruptDataException(sb.type() + ": block group " + group + " does not exist");
    }
    ByteView block = descriptorBlock(group / perBlock);
    int at = (int) (group % perBlock) * sb.descSize();
    long table = block.u32le(at + BG_INODE_TABLE_LO);
    if (sb.descSize() >= Superblock.MIN_DESC_SIZE_64) {
      table |= block.u32le(at + BG_INODE_TABLE_HI) << 32;
    }
    if (table <= sb.firstDataBlock()
        || table > sb.blocksCount() - inodeTableBlocks) {
      throw new CorruptDataException(
          sb.type() + ": group " + group + ": inode table at block " + table
              + " lies outside the filesystem (descriptor at byte 0x"
              + Long.toHexString(block.diskOffset(at)) + ")");
    }
    return table;
  }

  private ByteView descriptorBlock(long index) throws IOException {
    ByteView v = cache.get(index);
    if (v == null) {
      long block = location(index);
      if (block >= sb.blocksCount()) {
        throw new CorruptDataException(
            sb.type() + ": group descriptor block " + index + " would lie at block " + block
                + ", outside the filesystem");
      }
      v = ByteView.read(dev, sb.blockOffset(block), sb.blockSize(),
          sb.type() + ": group descriptor block " + index);
      cache.put(index, v);
    }
    return v;
  }

  /**
   * Where descriptor block {@code index} lies (the kernel's descriptor_loc): right after the
   * superblock, unless meta_bg moved it to the start of its meta group, after that group's backup
   * superblock if it has one.
   */
  private long location(long index) throws CorruptDataException {
    long sbBlock = Superblock.OFFSET / sb.blockSize(); // 1 for 1 KiB blocks, else 0
    if (!sb.has(Features.INCOMPAT_META_BG) || index < sb.firstMetaBg()) {
      return Math.addExact(sbBlock + 1, index);
    }
    long group = Math.multiplyExact(index, (long) perBlock);
    long first = Math.addExact(Math.multiplyExact(group, sb.blocksPerGroup()), sb.firstDataBlock());
    long extra = hasSuper(group) ? 1 : 0;
    // 1 KiB blocks with first data block 0 (bigalloc): group 0's copy sits after block 1.
    if (sb.blockSize() == 1024 && index == 0 && sb.firstDataBlock() == 0) {
      extra++;
    }
    return first + extra;
  }

  /** Whether group {@code g} holds a superblock copy (sparse_super, sparse_super2 or all). */
  boolean hasSuper(long g) {
    if (g == 0) {
      return true;
    }
    if ((sb.compat() & Features.COMPAT_SPARSE_SUPER2) != 0) {
      return g == sb.backupBg0() || g == sb.backupBg1();
    }
    if ((sb.roCompat() & Features.RO_COMPAT_SPARSE_SUPER) == 0) {
      return true;
    }
    return g == 1 || isPower(g, 3) || isPower(g, 5) || isPower(g, 7);
  }

  private static boolean isPower(long g, int base) {
    long n = g;
    while (n % base == 0) {
      n /= base;
    }
    return n == 1;
  }
}
