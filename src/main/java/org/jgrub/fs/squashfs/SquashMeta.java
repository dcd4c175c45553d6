package org.jgrub.fs.squashfs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.compress.Codecs;
import org.jgrub.io.Budget;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * Metadata blocks (squashfs_fs.h SQUASHFS_METADATA_SIZE): a little-endian u16 header whose low 15
 * bits are the stored length and whose top bit marks the block as stored uncompressed, then at
 * most 8 KiB of (compressed) data that holds at most 8 KiB. The inode, directory and fragment
 * tables are runs of such blocks; a stream reads across them. Decoded blocks are kept in a small
 * cache, since one directory's inodes share a few blocks.
 */
final class SquashMeta {
  static final int BLOCK = 8192;
  static final int HEADER = 2;
  static final int UNCOMPRESSED = 0x8000;
  private static final int CACHED = 32;

  /** One decoded metadata block and the disk byte where the next one starts. */
  record Block(byte[] data, int length, long next) {}

  private final BlockDevice dev;
  private final Codecs codecs;
  private final int compression;
  private final long bytesUsed;
  private final Map<Long, Block> cache = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Block> e) {
      return size() > CACHED;
    }
  };

  private final Budget budget;

  SquashMeta(BlockDevice dev, Codecs codecs, int compression, long bytesUsed, Budget budget) {
    this.dev = dev;
    this.budget = budget;
    this.codecs = codecs;
    this.compression = compression;
    this.bytesUsed = bytesUsed;
  }

  /** The metadata block whose header is at disk byte {@code at}, decoded. */
  Block block(long at, String what) throws IOException {
    Block b = cache.get(at);
    if (b != null) {
      return b;
    }
    if (at < SquashSuperblock.SIZE || at > bytesUsed - HEADER) {
      throw new CorruptDataException("squashfs on " + dev.describe() + ": " + what
          + ": metadata block at byte " + at + " outside the filesystem's " + bytesUsed
          + " bytes");
    }
    ByteView h = ByteView.read(dev, at, HEADER, "squashfs " + what + " metadata block header");
    int header = h.u16le(0);
    int len = header & ~UNCOMPRESSED;
    if (len == 0 || len > BLOCK) {
      throw h.corrupt("metadata block of " + len + " bytes (1 to " + BLOCK + ")");
    }
    if (at + HEADER + len > bytesUsed) {
      throw h.corrupt("metadata block of " + len + " bytes runs past the filesystem's "
          + bytesUsed + " bytes");
    }
    byte[] stored = dev.read(at + HEADER, len);
    byte[] data;
    int n;
    if ((header & UNCOMPRESSED) != 0) {
      data = stored;
      n = len;
    } else {
      data = new byte[BLOCK];
      n = SquashDecompress.run(codecs, compression, stored, 0, len, data, BLOCK,
          "squashfs on " + dev.describe() + ": " + what + " metadata block at byte " + at, budget);
    }
    b = new Block(data, n, at + HEADER + len);
    cache.put(at, b);
    return b;
  }

  /** A position in a table: the header of the current block and the offset in its data. */
  Stream stream(long block, int offset, String what) {
    return new Stream(block, offset, what);
  }

  /** Reads bytes in order across a table's metadata blocks. */
  final class Stream {
    private long block;
    private int offset;
    private final String what;

    Stream(long block, int offset, String what) {
      this.block = block;
      this.offset = offset;
      this.what = what;
    }

    /** The next {@code n} bytes as a view, for structures of at most a few KiB. */
    ByteView view(int n) throws IOException {
      byte[] out = new byte[n];
      read(out, 0, n);
      return ByteView.of(out, "squashfs " + what);
    }

    void read(byte[] out, int off, int n) throws IOException {
      while (n > 0) {
        Block b = block(block, what);
        if (offset >= b.length()) {
          if (offset > b.length()) {
            throw new CorruptDataException("squashfs on " + dev.describe() + ": " + what
                + ": offset " + offset + " past the " + b.length() + " bytes of the metadata"
                + " block at byte " + block);
          }
          block = b.next();
          offset = 0;
          continue;
        }
        int k = Math.min(n, b.length() - offset);
        System.arraycopy(b.data(), offset, out, off, k);
        offset += k;
        off += k;
        n -= k;
      }
    }
  }
}
