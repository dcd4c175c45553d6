package org.jgrub.fs.zfs;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import org.jgrub.compress.Codecs;
import org.jgrub.compress.Lzjb;
import org.jgrub.compress.Zle;
import org.jgrub.io.Budget;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Decompresses a ZFS block (zio_compress_table): lzjb, gzip-1..9 (a zlib stream), zle, lz4 (a
 * 4-byte big-endian length, then an LZ4 block) and zstd (a 4-byte big-endian length and a 4-byte
 * version/level word, then a zstd frame without its magic number).
 */
final class Compression {
  private Compression() {}

  static final int INHERIT = 0;
  static final int ON = 1;
  static final int OFF = 2;
  static final int LZJB = 3;
  static final int EMPTY = 4;
  static final int GZIP_1 = 5;
  static final int GZIP_9 = 13;
  static final int ZLE = 14;
  static final int LZ4 = 15;
  static final int ZSTD = 16;

  private static final int LZ4_HEADER = 4;
  private static final int ZSTD_HEADER = 8;
  private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

  static String name(int c) {
    return switch (c) {
      case OFF -> "off";
      case LZJB -> "lzjb";
      case EMPTY -> "empty";
      case ZLE -> "zle";
      case LZ4 -> "lz4";
      case ZSTD -> "zstd";
      default -> c >= GZIP_1 && c <= GZIP_9 ? "gzip-" + (c - GZIP_1 + 1) : "compression#" + c;
    };
  }

  /** {@code src[0, psize)} decompressed to exactly {@code lsize} bytes. */
  static byte[] decompress(Codecs codecs, int type, byte[] src, int psize, int lsize, String what,
      Budget budget)
      throws CorruptDataException, UnsupportedFeatureException {
    if (type == OFF || type == INHERIT || type == ON) {
      if (psize == lsize && src.length == lsize) {
        return src;
      }
      byte[] out = new byte[lsize];
      System.arraycopy(src, 0, out, 0, Math.min(lsize, psize));
      return out;
    }
    byte[] out = new byte[lsize];
    budget.charge(Budget.Kind.DECOMPRESSED_BYTES, lsize);
    try {
      if (type == LZJB) {
        Lzjb.decompress(src, psize, out);
      } else if (type == EMPTY) {
        return out;
      } else if (type >= GZIP_1 && type <= GZIP_9) {
        inflate(codecs, src, psize, out);
      } else if (type == ZLE) {
        Zle.decompress(src, psize, out);
      } else if (type == LZ4) {
        lz4(codecs.lz4(), src, psize, out, what);
      } else if (type == ZSTD) {
        zstd(codecs.zstd(), src, psize, out, what);
      } else {
        throw new UnsupportedFeatureException(
            "ZFS: " + what + ": compression " + name(type) + " is not supported");
      }
    } catch (MalformedInputException | IndexOutOfBoundsException e) {
      throw new CorruptDataException(
          "ZFS: " + what + ": bad " + name(type) + " data (" + e.getMessage() + ")", e);
    } catch (CorruptDataException e) {
      throw new CorruptDataException("ZFS: " + what + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static int be32(byte[] b) {
    return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
  }

  private static void lz4(Lz4Decompressor lz4, byte[] src, int psize, byte[] out, String what)
      throws CorruptDataException {
    int len = psize < LZ4_HEADER ? -1 : be32(src);
    if (len < 0 || len > psize - LZ4_HEADER) {
      throw new CorruptDataException(
          "lz4 length prefix " + len + " does not fit the " + psize + "-byte block");
    }
    int n = lz4.decompress(src, LZ4_HEADER, len, out, 0, out.length);
    // ZFS compresses a whole block, so a shorter result means the stream lied about itself.
    if (n != out.length) {
      throw new CorruptDataException("lz4 block decoded to " + n + " bytes, not " + out.length);
    }
  }

  private static void zstd(ZstdDecompressor zstd, byte[] src, int psize, byte[] out, String what)
      throws CorruptDataException {
    int len = psize < ZSTD_HEADER ? -1 : be32(src);
    if (len < 0 || len > psize - ZSTD_HEADER) {
      throw new CorruptDataException(
          "zstd length prefix " + len + " does not fit the " + psize + "-byte block");
    }
    // OpenZFS writes magic-less frames (ZSTD_f_zstd1_magicless): put the magic back.
    byte[] frame = new byte[len + ZSTD_MAGIC.length];
    System.arraycopy(ZSTD_MAGIC, 0, frame, 0, ZSTD_MAGIC.length);
    System.arraycopy(src, ZSTD_HEADER, frame, ZSTD_MAGIC.length, len);
    int n = zstd.decompress(frame, 0, frame.length, out, 0, out.length);
    if (n != out.length) {
      throw new CorruptDataException("zstd frame decoded to " + n + " bytes, not " + out.length);
    }
  }

  /** gzip-N: a zlib stream (zio_compress_table's gzip_compress is zlib's compress2). */
  private static void inflate(Codecs codecs, byte[] src, int psize, byte[] out)
      throws CorruptDataException {
    int n = codecs.inflate(src, 0, psize, out, out.length);
    if (n != out.length) {
      throw new CorruptDataException("gzip stream decoded to " + n + " bytes, not " + out.length);
    }
  }
}
