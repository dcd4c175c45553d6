package org.jgrub.bench;

import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.jgrub.compress.Lzjb;
import org.jgrub.io.CorruptDataException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decompression as the filesystem drivers use it: {@value #BLOCKS} blocks of 128 KiB (the ZFS
 * record size; btrfs compresses 128 KiB extents), each compressed on its own. One op decompresses
 * all of them, 8 MiB of output, so MB/s = ops/s × 8.39. The data is the first 8 MiB of the running
 * JDK's lib/modules (class files and resources: compressible like a kernel's .data, not like an
 * already compressed initrd).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecompressBench {
  static final int BLOCK = 128 << 10;
  static final int BLOCKS = 64;

  private byte[][] lz4;
  private byte[][] zstd;
  private byte[][] zlib;
  private byte[][] lzjb;
  private int[] lzjbLen;
  private final byte[] out = new byte[BLOCK];

  @Setup(Level.Trial)
  public void compress() throws IOException {
    byte[] data = new byte[BLOCK * BLOCKS];
    Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
    try (InputStream in = Files.newInputStream(modules)) {
      if (in.readNBytes(data, 0, data.length) != data.length) {
        throw new IOException(modules + " is shorter than 8 MiB");
      }
    }
    lz4 = new byte[BLOCKS][];
    zstd = new byte[BLOCKS][];
    zlib = new byte[BLOCKS][];
    lzjb = new byte[BLOCKS][];
    lzjbLen = new int[BLOCKS];
    Lz4Compressor c4 = new Lz4Compressor();
    ZstdCompressor cz = new ZstdCompressor();
    long sizes4 = 0;
    long sizesz = 0;
    long sizesd = 0;
    long sizesj = 0;
    for (int b = 0; b < BLOCKS; b++) {
      byte[] block = Arrays.copyOfRange(data, b * BLOCK, (b + 1) * BLOCK);
      byte[] t = new byte[c4.maxCompressedLength(BLOCK)];
      lz4[b] = Arrays.copyOf(t, c4.compress(block, 0, BLOCK, t, 0, t.length));
      t = new byte[cz.maxCompressedLength(BLOCK)];
      zstd[b] = Arrays.copyOf(t, cz.compress(block, 0, BLOCK, t, 0, t.length));
      Deflater d = new Deflater(6);
      d.setInput(block);
      d.finish();
      t = new byte[BLOCK * 2];
      zlib[b] = Arrays.copyOf(t, d.deflate(t));
      d.end();
      lzjb[b] = LzjbWriter.compress(block);
      lzjbLen[b] = lzjb[b].length;
      sizes4 += lz4[b].length;
      sizesz += zstd[b].length;
      sizesd += zlib[b].length;
      sizesj += lzjb[b].length;
      check(block, b);
    }
    long all = (long) BLOCK * BLOCKS;
    System.out.println("\ncompressed to: lz4 " + sizes4 * 100 / all + "%, zstd " + sizesz * 100 / all
        + "%, zlib " + sizesd * 100 / all + "%, lzjb " + sizesj * 100 / all + "%");
  }

  /** Every codec must give back the block before it is timed. */
  private void check(byte[] block, int b) throws IOException {
    byte[] o = new byte[BLOCK];
    new Lz4Decompressor().decompress(lz4[b], 0, lz4[b].length, o, 0, BLOCK);
    same(block, o, "lz4");
    new ZstdDecompressor().decompress(zstd[b], 0, zstd[b].length, o, 0, BLOCK);
    same(block, o, "zstd");
    inflate(zlib[b], o);
    same(block, o, "zlib");
    Lzjb.decompress(lzjb[b], lzjbLen[b], o);
    same(block, o, "lzjb");
  }

  private static void same(byte[] a, byte[] b, String what) throws IOException {
    if (!Arrays.equals(a, b)) {
      throw new IOException(what + " round trip differs");
    }
  }

  private static void inflate(byte[] src, byte[] dst) throws IOException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(src);
      int n = inf.inflate(dst);
      if (n != dst.length) {
        throw new IOException("zlib: short output " + n);
      }
    } catch (DataFormatException e) {
      throw new IOException(e);
    } finally {
      inf.end();
    }
  }

  @Benchmark
  public byte[] lz4() {
    Lz4Decompressor d = new Lz4Decompressor();
    for (byte[] b : lz4) {
      d.decompress(b, 0, b.length, out, 0, BLOCK);
    }
    return out;
  }

  @Benchmark
  public byte[] zstd() {
    ZstdDecompressor d = new ZstdDecompressor();
    for (byte[] b : zstd) {
      d.decompress(b, 0, b.length, out, 0, BLOCK);
    }
    return out;
  }

  @Benchmark
  public byte[] inflater() throws IOException {
    for (byte[] b : zlib) {
      inflate(b, out);
    }
    return out;
  }

  @Benchmark
  public byte[] lzjb() throws CorruptDataException {
    for (int b = 0; b < BLOCKS; b++) {
      Lzjb.decompress(lzjb[b], lzjbLen[b], out);
    }
    return out;
  }
}
