package org.jgrub.compress;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jgrub.io.CorruptDataException;

/**
 * The decoders one filesystem reuses from block to block. A zstd decoder carries about 200 KB of
 * tables; made anew for each 128 KiB block, a 60 MiB file on a compressed btrfs left 240 MB of
 * garbage and the process grew to 270 MB. Not thread-safe, like the filesystem objects that own
 * one.
 */
public final class Codecs {
  private ZstdDecompressor zstd;
  private Lz4Decompressor lz4;
  private LzoDecompressor lzo;
  private Inflater inflater;
  private Inflater rawInflater;
  private final byte[] probe = new byte[1];

  public ZstdDecompressor zstd() {
    if (zstd == null) {
      zstd = new ZstdDecompressor();
    }
    return zstd;
  }

  public Lz4Decompressor lz4() {
    if (lz4 == null) {
      lz4 = new Lz4Decompressor();
    }
    return lz4;
  }

  public LzoDecompressor lzo() {
    if (lzo == null) {
      lzo = new LzoDecompressor();
    }
    return lzo;
  }

  /** An inflater for a new zlib stream (reset, with no input). */
  private Inflater inflater() {
    if (inflater == null) {
      inflater = new Inflater();
    } else {
      inflater.reset();
    }
    return inflater;
  }

  /**
   * Inflates the zlib stream {@code in[off, off + len)} into {@code out[0, want)} and returns how
   * many bytes it held, at most {@code want}: the one loop that btrfs (zlib extents), ZFS (gzip-N
   * blocks) and zisofs blocks share. The caller decides whether fewer is damage (btrfs zero-fills
   * the rest, as the kernel does; ZFS and zisofs need all {@code want}). A stream that holds more
   * than {@code want} bytes is damage: its writer compressed exactly one block.
   */
  public int inflate(byte[] in, int off, int len, byte[] out, int want)
      throws CorruptDataException {
    return inflate(inflater(), "zlib", in, off, len, out, want);
  }

  /**
   * As {@link #inflate}, for a raw deflate stream without the zlib header (qcow2's compressed
   * clusters, VMDK's streamOptimized grains are zlib and use {@link #inflate}). Bytes after the end
   * of the stream are ignored: compressed clusters are padded with whatever follows.
   */
  public int inflateRaw(byte[] in, int off, int len, byte[] out, int want)
      throws CorruptDataException {
    if (rawInflater == null) {
      rawInflater = new Inflater(true);
    } else {
      rawInflater.reset();
    }
    return inflate(rawInflater, "deflate", in, off, len, out, want);
  }

  private int inflate(Inflater inf, String kind, byte[] in, int off, int len, byte[] out, int want)
      throws CorruptDataException {
    inf.setInput(in, off, len);
    try {
      int done = 0;
      while (done < want && !inf.finished()) {
        int n = inf.inflate(out, done, want - done);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
        done += n;
      }
      // Full, but the stream did not say it ended: one more byte tells a longer stream apart.
      if (done == want && !inf.finished() && !inf.needsInput() && inf.inflate(probe) > 0) {
        throw new CorruptDataException(kind + " data decompresses to more than " + want + " bytes");
      }
      return done;
    } catch (DataFormatException e) {
      throw new CorruptDataException("bad " + kind + " data: " + e.getMessage(), e);
    }
  }
}
