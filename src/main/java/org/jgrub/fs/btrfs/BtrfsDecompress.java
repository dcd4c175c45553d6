package org.jgrub.fs.btrfs;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.Arrays;
import org.jgrub.compress.Codecs;
import org.jgrub.io.Budget;
import org.jgrub.io.CorruptDataException;

/**
 * Decompresses one btrfs extent into exactly {@code ramBytes} bytes (zero-filled past the end of
 * the stream, as the kernel does). A stream that yields more than {@code ramBytes} is corrupt:
 * the caller bounded {@code ramBytes} before allocating.
 *
 * <p>zlib: one zlib stream per extent. zstd: one frame. lzo: btrfs's own framing (fs/btrfs/lzo.c):
 * a little-endian u32 total length, then segments of a u32 length and an LZO1X block that
 * decompresses to at most one sector; a segment header never straddles a sector boundary, the
 * gap is padding.
 */
final class BtrfsDecompress {
  private BtrfsDecompress() {}

  static final int LZO_LEN = 4;

  /**
   * Decodes into {@code reuse} when it has exactly {@code ramBytes} bytes (cleared first), else
   * into a new array; returns the array written.
   */
  static byte[] run(Codecs codecs, int type, byte[] in, int inLen, byte[] reuse, int ramBytes,
      int sectorSize, String what, Budget budget) throws CorruptDataException {
    byte[] out;
    if (reuse != null && reuse.length == ramBytes) {
      out = reuse;
      Arrays.fill(out, (byte) 0);
    } else {
      out = new byte[ramBytes];
    }
    budget.charge(Budget.Kind.DECOMPRESSED_BYTES, ramBytes);
    try {
      switch (type) {
        case BtrfsExtent.COMPRESS_ZLIB -> zlib(codecs, in, inLen, out, what);
        case BtrfsExtent.COMPRESS_ZSTD -> zstd(codecs.zstd(), in, inLen, out, what);
        case BtrfsExtent.COMPRESS_LZO -> lzo(codecs.lzo(), in, inLen, out, sectorSize, what);
        default -> throw new CorruptDataException("btrfs: " + what + ": compression " + type);
      }
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new CorruptDataException("btrfs: " + what + ": bad compressed data (" + e.getMessage()
          + ")", e);
    }
    return out;
  }

  /** One zlib stream; a short one leaves the rest of {@code out} zero, as the kernel does. */
  private static void zlib(Codecs codecs, byte[] in, int inLen, byte[] out, String what)
      throws CorruptDataException {
    try {
      codecs.inflate(in, 0, inLen, out, out.length);
    } catch (CorruptDataException e) {
      throw new CorruptDataException("btrfs: " + what + ": " + e.getMessage(), e);
    }
  }

  private static void zstd(ZstdDecompressor zstd, byte[] in, int inLen, byte[] out, String what)
      throws CorruptDataException {
    // The extent is padded to a sector with zeros after the frame; decode the frame alone.
    inLen = zstdFrameLength(in, inLen, what);
    long declared = ZstdDecompressor.getDecompressedSize(in, 0, inLen);
    if (declared > out.length) {
      throw new CorruptDataException("btrfs: " + what + ": zstd frame declares " + declared
          + " bytes, the extent " + out.length);
    }
    try {
      zstd.decompress(in, 0, inLen, out, 0, out.length);
    } catch (MalformedInputException e) {
      // A frame without a content size that runs on (a decompression bomb) ends here.
      if (String.valueOf(e.getMessage()).startsWith("Output buffer too small")) {
        throw new CorruptDataException("btrfs: " + what + ": zstd data decompresses to more than "
            + out.length + " bytes, the extent's size", e);
      }
      throw e;
    }
  }

  static final int ZSTD_MAGIC = 0xFD2FB528;
  static final int ZSTD_BLOCK_HEADER = 3;
  static final int ZSTD_BLOCK_RLE = 1;
  static final int ZSTD_BLOCK_RESERVED = 3;
  static final int ZSTD_OFF_FHD = 4;
  static final int ZSTD_FHD_SINGLE_SEGMENT = 0x20;
  static final int ZSTD_FHD_CHECKSUM = 0x04;
  static final int ZSTD_FHD_DICT_MASK = 0x03;
  static final int ZSTD_CHECKSUM = 4;

  /**
   * The length of the zstd frame at the start of {@code in} (RFC 8878 section 3.1.1): header,
   * blocks up to the one marked last, then the optional 4-byte checksum.
   */
  static int zstdFrameLength(byte[] in, int inLen, String what) throws CorruptDataException {
    if (inLen < 6 || (int) le32(in, 0) != ZSTD_MAGIC) {
      throw new CorruptDataException("btrfs: " + what + ": no zstd frame magic");
    }
    int fhd = in[ZSTD_OFF_FHD] & 0xff;
    int fcsFlag = fhd >>> 6;
    boolean single = (fhd & ZSTD_FHD_SINGLE_SEGMENT) != 0;
    boolean checksum = (fhd & ZSTD_FHD_CHECKSUM) != 0;
    int dictFlag = fhd & ZSTD_FHD_DICT_MASK;
    // Descriptor, then the window byte unless single-segment, then 0/1/2/4 dictionary id bytes.
    int pos = ZSTD_OFF_FHD + 1 + (single ? 0 : 1) + (dictFlag == 3 ? 4 : dictFlag);
    pos += fcsFlag == 0 ? (single ? 1 : 0) : 1 << fcsFlag;
    while (true) {
      if (pos + ZSTD_BLOCK_HEADER > inLen) {
        throw new CorruptDataException("btrfs: " + what + ": zstd frame runs past the extent");
      }
      int h = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8 | (in[pos + 2] & 0xff) << 16;
      boolean last = (h & 1) != 0;
      int type = (h >>> 1) & 3;
      int size = h >>> 3;
      if (type == ZSTD_BLOCK_RESERVED) {
        throw new CorruptDataException("btrfs: " + what + ": reserved zstd block type");
      }
      pos += ZSTD_BLOCK_HEADER + (type == ZSTD_BLOCK_RLE ? 1 : size);
      if (last) {
        break;
      }
    }
    pos += checksum ? ZSTD_CHECKSUM : 0;
    if (pos > inLen) {
      throw new CorruptDataException("btrfs: " + what + ": zstd frame runs past the extent");
    }
    return pos;
  }

  private static void lzo(LzoDecompressor lzo, byte[] in, int inLen, byte[] out, int sectorSize,
      String what)
      throws CorruptDataException {
    if (inLen < LZO_LEN) {
      throw new CorruptDataException("btrfs: " + what + ": lzo data shorter than its header");
    }
    long total = le32(in, 0);
    if (total > inLen || total < LZO_LEN) {
      throw new CorruptDataException(
          "btrfs: " + what + ": lzo total length " + total + " outside the " + inLen
              + "-byte extent");
    }
    // lzo1x_worst_compress(sector): the largest compressed segment the kernel writes.
    int maxSeg = sectorSize + sectorSize / 16 + 64 + 3;
    byte[] seg = new byte[sectorSize];
    int pos = LZO_LEN;
    int done = 0;
    while (pos < total && done < out.length) {
      int left = sectorSize - pos % sectorSize;
      if (left < LZO_LEN) {
        pos += left;
        if (pos >= total) {
          break;
        }
      }
      if (pos + LZO_LEN > total) {
        throw new CorruptDataException("btrfs: " + what + ": lzo segment header past the end");
      }
      long len = le32(in, pos);
      pos += LZO_LEN;
      if (len == 0 || len > maxSeg || pos + len > total) {
        throw new CorruptDataException(
            "btrfs: " + what + ": lzo segment of " + len + " bytes at offset " + (pos - LZO_LEN));
      }
      int n = lzo.decompress(in, pos, (int) len, seg, 0, seg.length);
      if (n > out.length - done) {
        throw new CorruptDataException(
            "btrfs: " + what + ": lzo data decompresses to more than " + out.length + " bytes");
      }
      System.arraycopy(seg, 0, out, done, n);
      done += n;
      pos += (int) len;
    }
    if (done == out.length && pos < total) {
      int left = sectorSize - pos % sectorSize;
      if (left >= LZO_LEN || pos + left < total) {
        throw new CorruptDataException(
            "btrfs: " + what + ": lzo data decompresses to more than " + out.length + " bytes");
      }
    }
  }

  private static long le32(byte[] b, int p) {
    return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16
        | (b[p + 3] & 0xffL) << 24;
  }
}
