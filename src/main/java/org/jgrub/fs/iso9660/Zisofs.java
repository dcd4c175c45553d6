package org.jgrub.fs.iso9660;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.jgrub.compress.Codecs;
import org.jgrub.fs.Run;
import org.jgrub.fs.RunReader;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A zisofs-compressed file (Rock Ridge ZF, algorithm "pz"; "Description of the zisofs Format",
 * libburnia): a 16-byte header, a table of block pointers, then one zlib stream per block, an
 * empty block standing for zeros. Every pointer, block length and inflated size is checked.
 */
final class Zisofs {
  /** The ZF entry's parameters: header size in 4-byte units, log2 of the block size, size. */
  record Params(int headerDiv4, int log2Block, long size) {}

  private static final byte[] MAGIC = {
    (byte) 0x37, (byte) 0xE4, (byte) 0x53, (byte) 0x96, (byte) 0xC9, (byte) 0xDB, (byte) 0xD6,
    (byte) 0x07
  };
  private static final int HDR_SIZE = 8;
  private static final int HDR_DIV4 = 12;
  private static final int HDR_LOG2 = 13;
  private static final int HEADER_BYTES = 16;
  /** zisofs v1 uses blocks of 32, 64 or 128 KiB. */
  private static final int MIN_LOG2 = 15;
  private static final int MAX_LOG2 = 17;

  private final BlockDevice dev;
  private final Codecs codecs;
  private final String what;
  private final List<Run> runs;
  private final long stored;
  private final long size;
  private final int blockBytes;
  private final long[] pointers;
  private long cachedBlock = -1;
  private byte[] cached;

  private final Bounds bounds;

  private Zisofs(
      BlockDevice dev, Codecs codecs, String what, List<Run> runs, long stored, long size, int log2,
      long[] pointers, Bounds bounds) {
    this.dev = dev;
    this.bounds = bounds;
    this.codecs = codecs;
    this.what = what;
    this.runs = runs;
    this.stored = stored;
    this.size = size;
    this.blockBytes = 1 << log2;
    this.pointers = pointers;
  }

  /** Checks the ZF parameters and the file's own header, and reads its block pointer table. */
  static Zisofs open(BlockDevice dev, Codecs codecs, String what, List<Run> runs, Params p,
      Bounds bounds) throws IOException {
    long stored = 0;
    for (Run r : runs) {
      stored = Math.max(stored, r.fileOffset() + r.length());
    }
    if (p.log2Block() < MIN_LOG2 || p.log2Block() > MAX_LOG2) {
      throw new UnsupportedFeatureException(
          what + ": zisofs block size 2^" + p.log2Block() + " (only 2^15 to 2^17)");
    }
    int headerBytes = p.headerDiv4() * 4;
    if (headerBytes < HEADER_BYTES) {
      throw new CorruptDataException(what + ": zisofs header of " + headerBytes + " bytes");
    }
    long blocks = (p.size() + (1L << p.log2Block()) - 1) >> p.log2Block();
    Limits.check(blocks + 1, bounds.limits().extentsPerFile, what + ": zisofs blocks");
    long tableEnd = headerBytes + (blocks + 1) * 4;
    if (tableEnd > stored) {
      throw new CorruptDataException(what + ": zisofs block table ends at byte " + tableEnd
          + ", past the " + stored + " stored bytes");
    }
    ByteView head = ByteView.of(readStored(dev, what, runs, stored, 0, (int) tableEnd), what);
    for (int i = 0; i < MAGIC.length; i++) {
      if (head.u8(i) != (MAGIC[i] & 0xff)) {
        throw head.corrupt("zisofs header magic missing");
      }
    }
    if (head.u32le(HDR_SIZE) != p.size()
        || head.u8(HDR_DIV4) != p.headerDiv4()
        || head.u8(HDR_LOG2) != p.log2Block()) {
      throw head.corrupt("zisofs header disagrees with the ZF entry");
    }
    long[] ptr = new long[(int) blocks + 1];
    for (int i = 0; i <= blocks; i++) {
      ptr[i] = head.u32le(headerBytes + 4 * i);
      if (ptr[i] < tableEnd || ptr[i] > stored || (i > 0 && ptr[i] < ptr[i - 1])) {
        throw head.corrupt("zisofs block pointer " + i + " = " + ptr[i]
            + " outside the compressed data or out of order");
      }
    }
    return new Zisofs(dev, codecs, what, runs, stored, p.size(), p.log2Block(), ptr, bounds);
  }

  private static byte[] readStored(
      BlockDevice dev, String what, List<Run> runs, long stored, long pos, int len)
      throws IOException {
    byte[] b = new byte[len];
    ByteBuffer bb = ByteBuffer.wrap(b);
    while (bb.hasRemaining()) {
      int n = RunReader.read(dev, what, stored, new ExtentMap(runs), pos + bb.position(), bb);
      if (n <= 0) {
        throw new CorruptDataException(what + ": compressed data ends early");
      }
    }
    return b;
  }

  /** Reads uncompressed bytes at {@code pos}; -1 at end of file. */
  int read(long pos, ByteBuffer dst) throws IOException {
    if (pos >= size) {
      return dst.hasRemaining() ? -1 : 0;
    }
    int done = 0;
    while (dst.hasRemaining() && pos < size) {
      long block = pos / blockBytes;
      byte[] data = block(block);
      int off = (int) (pos - block * blockBytes);
      int n = Math.min(dst.remaining(), data.length - off);
      dst.put(data, off, n);
      pos += n;
      done += n;
    }
    return done;
  }

  private byte[] block(long i) throws IOException {
    if (i == cachedBlock) {
      return cached;
    }
    int want = (int) Math.min(blockBytes, size - i * blockBytes);
    Limits.check(want, bounds.limits().decompressedBlockBytes, what + ": zisofs block");
    long from = pointers[(int) i];
    long to = pointers[(int) i + 1];
    byte[] out = new byte[want];
    bounds.budget().charge(Budget.Kind.DECOMPRESSED_BYTES, want);
    if (to > from) {
      // A zlib stream never needs much more than its output plus a small overhead.
      long len = to - from;
      if (len > blockBytes + (blockBytes >> 3) + 1024) {
        throw new CorruptDataException(what + ": zisofs block " + i + " of " + len + " bytes");
      }
      byte[] in = readStored(dev, what, runs, stored, from, (int) len);
      int got;
      try {
        got = codecs.inflate(in, 0, in.length, out, want);
      } catch (CorruptDataException e) {
        throw new CorruptDataException(what + ": zisofs block " + i + ": " + e.getMessage(), e);
      }
      if (got != want) {
        throw new CorruptDataException(what + ": zisofs block " + i + " inflates to " + got
            + " bytes, not " + want);
      }
    }
    cachedBlock = i;
    cached = out;
    return out;
  }
}
