package org.jgrub.fs.reiserfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.jgrub.io.BlockDevice;

/**
 * The volume as it would be after journal replay, without writing: reads of a block that a
 * committed transaction replaced come from the block's newest copy in the journal.
 */
final class ReplayedDevice implements BlockDevice {
  private final BlockDevice dev;
  private final Map<Long, Long> blocks;
  private final int blockSize;

  ReplayedDevice(BlockDevice dev, Map<Long, Long> blocks, int blockSize) {
    this.dev = dev;
    this.blocks = blocks;
    this.blockSize = blockSize;
  }

  @Override
  public long size() {
    return dev.size();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    long at = offset;
    while (dst.hasRemaining()) {
      long block = at / blockSize;
      int in = (int) (at % blockSize);
      int n = Math.min(dst.remaining(), blockSize - in);
      Long copy = blocks.get(block);
      ByteBuffer part = dst.slice();
      part.limit(n);
      dev.read(copy == null ? at : copy * blockSize + in, part);
      dst.position(dst.position() + n);
      at += n;
    }
  }

  @Override
  public String describe() {
    return dev.describe();
  }
}
