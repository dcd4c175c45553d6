package org.jgrub.fs.squashfs;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The id table (squashfs_fs.h: id_table_start, no_ids): inodes name their owner and group by a
 * 16-bit index into a list of 32-bit ids, stored like the fragment table as an index of u64
 * pointers to metadata blocks of 2048 ids each. Read on first use and kept: at most 65536 ids.
 */
final class SquashIds {
  static final int OFF_NO_IDS = 26;
  static final int OFF_ID_TABLE = 48;
  private static final int PER_BLOCK = SquashMeta.BLOCK / 4;

  private final BlockDevice dev;
  private final SquashMeta meta;
  private final long bytesUsed;
  private final long count;
  private final long start;
  private long[] ids;

  SquashIds(BlockDevice dev, SquashMeta meta, long bytesUsed) throws IOException {
    this.dev = dev;
    this.meta = meta;
    this.bytesUsed = bytesUsed;
    ByteView sb = ByteView.read(dev, 0, SquashSuperblock.SIZE, "squashfs superblock");
    this.count = sb.u16le(OFF_NO_IDS);
    this.start = sb.u64le(OFF_ID_TABLE);
  }

  /** The id at {@code index}. */
  synchronized long id(int index, String what) throws IOException {
    if (index >= count) {
      throw new CorruptDataException("squashfs " + what + ": id index " + index
          + " past the id table's " + count + " ids");
    }
    if (ids == null) {
      ids = load();
    }
    return ids[index];
  }

  private long[] load() throws IOException {
    long blocks = (count + PER_BLOCK - 1) / PER_BLOCK;
    if (start < SquashSuperblock.SIZE || start > bytesUsed - blocks * 8) {
      throw new CorruptDataException("squashfs: id table index at byte " + start
          + " outside the filesystem's " + bytesUsed + " bytes");
    }
    ByteView index = ByteView.read(dev, start, (int) blocks * 8, "squashfs id table index");
    long[] out = new long[(int) count];
    for (int b = 0; b < blocks; b++) {
      int n = (int) Math.min(PER_BLOCK, count - (long) b * PER_BLOCK);
      ByteView v = meta.stream(index.u64le(8 * b), 0, "id table block " + b).view(n * 4);
      for (int i = 0; i < n; i++) {
        out[b * PER_BLOCK + i] = v.u32le(4 * i);
      }
    }
    return out;
  }
}
