package org.jgrub.compress;

import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.zip.Inflater;

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
  public Inflater inflater() {
    if (inflater == null) {
      inflater = new Inflater();
    } else {
      inflater.reset();
    }
    return inflater;
  }

  /** An inflater for a new raw deflate stream, without zlib header (qcow2's compressed clusters). */
  public Inflater rawInflater() {
    if (rawInflater == null) {
      rawInflater = new Inflater(true);
    } else {
      rawInflater.reset();
    }
    return rawInflater;
  }
}
