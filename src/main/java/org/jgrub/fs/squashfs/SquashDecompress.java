package org.jgrub.fs.squashfs;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.jgrub.compress.Codecs;
import org.jgrub.compress.ZstdFrame;
import org.jgrub.io.Budget;
import org.jgrub.io.CorruptDataException;
import org.tukaani.xz.XZInputStream;

/**
 * Decompresses one squashfs block (metadata or data) into at most {@code max} bytes, as the
 * kernel's decompressor wrappers do (fs/squashfs/{zlib,lzo,xz,lz4,zstd}_wrapper.c): each block is
 * one self-contained stream: a zlib stream, a raw LZO1X or LZ4 block, one xz stream, one zstd
 * frame. A block that decompresses to more than {@code max} is corrupt; the output buffer is never
 * larger than {@code max}, so no stream can make it grow.
 */
final class SquashDecompress {
  private SquashDecompress() {}

  /** Memory for an xz stream's dictionary: mksquashfs uses at most the block size (1 MiB). */
  private static final int XZ_MEMORY_KIB = 8 << 10;

  /** Decodes {@code in[off, off + len)} into {@code out[0, max)}; returns the bytes written. */
  static int run(Codecs codecs, int compression, byte[] in, int off, int len, byte[] out, int max,
      String what, Budget budget) throws CorruptDataException {
    budget.charge(Budget.Kind.DECOMPRESSED_BYTES, max);
    try {
      return switch (compression) {
        case SquashSuperblock.GZIP -> codecs.inflate(in, off, len, out, max);
        case SquashSuperblock.LZO -> codecs.lzo().decompress(in, off, len, out, 0, max);
        case SquashSuperblock.LZ4 -> codecs.lz4().decompress(in, off, len, out, 0, max);
        case SquashSuperblock.XZ -> xz(in, off, len, out, max, what);
        case SquashSuperblock.ZSTD -> zstd(codecs.zstd(), in, off, len, out, max, what);
        default -> throw new CorruptDataException(what + ": compressor " + compression);
      };
    } catch (CorruptDataException e) {
      throw new CorruptDataException(what + ": " + e.getMessage(), e);
    } catch (MalformedInputException | IndexOutOfBoundsException | IllegalStateException e) {
      // aircompressor reports an output longer than max as "Output buffer too small", and a
      // zstd frame header without a window or content size as an IllegalStateException.
      throw new CorruptDataException(what + ": bad compressed data or more than " + max
          + " bytes out (" + e.getMessage() + ")", e);
    }
  }

  private static int zstd(ZstdDecompressor zstd, byte[] in, int off, int len, byte[] out, int max,
      String what) throws CorruptDataException {
    int frame = ZstdFrame.length(in, off, len, "zstd block");
    long declared = ZstdDecompressor.getDecompressedSize(in, off, frame);
    if (declared > max) {
      throw new CorruptDataException("zstd frame declares " + declared + " bytes, more than the "
          + max + " of its block");
    }
    return zstd.decompress(in, off, frame, out, 0, max);
  }

  private static int xz(byte[] in, int off, int len, byte[] out, int max, String what)
      throws CorruptDataException {
    try (XZInputStream z =
        new XZInputStream(new ByteArrayInputStream(in, off, len), XZ_MEMORY_KIB)) {
      int done = 0;
      while (done < max) {
        int n = z.read(out, done, max - done);
        if (n < 0) {
          return done;
        }
        done += n;
      }
      if (z.read() >= 0) {
        throw new CorruptDataException("xz data decompresses to more than " + max + " bytes");
      }
      return done;
    } catch (CorruptDataException e) {
      throw e;
    } catch (IOException e) {
      throw new CorruptDataException("bad xz data (" + e.getMessage() + ")", e);
    }
  }
}
