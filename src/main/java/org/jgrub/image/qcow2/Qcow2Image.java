package org.jgrub.image.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrub.compress.Codecs;
import org.jgrub.image.Backing;
import org.jgrub.image.Decode;
import org.jgrub.image.Images;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A qcow2 image (v2 and v3) read as its virtual disk: the active L1 table, L2 tables (standard or
 * extended with 32 subclusters), zero clusters, zlib and zstd compressed clusters, and a backing
 * file for what is unallocated (zeros without one). Internal snapshots and refcounts are not
 * read. Thread-safe: table lookups and decompression hold the image's lock, data reads are
 * positional.
 */
public final class Qcow2Image implements BlockDevice {
  /** L2 tables kept in memory: 16 MiB of them maps 128 GiB with 64 KiB clusters. */
  static final long L2_CACHE_BYTES = 16L << 20;

  static final long L1_OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
  static final long L2_OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
  static final long L2_COMPRESSED = 1L << 62;
  static final long L2_ZERO = 1L;
  static final int SUBCLUSTERS = 32;

  private final BlockDevice file;
  private final Qcow2Header h;
  private final String name;
  private final long[] l1;
  private final int clusterBits;
  private final int clusterSize;
  private final int l2Bits;
  private final BlockDevice backing;
  private final Codecs codecs = new Codecs();
  private final Map<Long, long[]> l2Cache;
  private final int subclusterSize;
  /** The last compressed cluster decoded: filesystems read it a block at a time. */
  private long cachedCompressed = -1;
  private byte[] compressedBuf;
  private byte[] clusterBuf;

  private Qcow2Image(BlockDevice file, Qcow2Header h, long[] l1, BlockDevice backing) {
    this.file = file;
    this.h = h;
    this.name = "qcow2 image " + file.describe();
    this.l1 = l1;
    this.clusterBits = h.clusterBits();
    this.clusterSize = 1 << clusterBits;
    this.l2Bits = clusterBits - (h.extendedL2() ? 4 : 3);
    this.subclusterSize = clusterSize / SUBCLUSTERS;
    this.backing = backing;
    int tables = (int) Math.max(1, L2_CACHE_BYTES / clusterSize);
    this.l2Cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, long[]> e) {
            return size() > tables;
          }
        };
  }

  /** True when {@code head} starts with the qcow magic "QFI\xfb". */
  public static boolean matches(byte[] head) {
    return head.length >= 4
        && ((head[0] & 0xff) << 24 | (head[1] & 0xff) << 16 | (head[2] & 0xff) << 8
                | (head[3] & 0xff))
            == Qcow2Header.MAGIC;
  }

  /**
   * Opens the qcow2 image in {@code file} (named {@code given}, null for a descriptor), with its
   * backing file when {@code backing} allows. Does not close {@code file} on failure.
   */
  public static Qcow2Image open(BlockDevice file, Path given, Backing backing) throws IOException {
    Qcow2Header h = Qcow2Header.read(file, backing.limits());
    String name = "qcow2 image " + file.describe();
    ByteView t = ByteView.read(file, h.l1Offset(), h.l1Size() * 8, name + ": L1 table");
    long[] l1 = new long[h.l1Size()];
    for (int i = 0; i < l1.length; i++) {
      l1[i] = t.u64be(i * 8);
    }
    BlockDevice b = null;
    if (h.backingFile() != null) {
      b = backing.open("qcow2 image", file.describe(), "backing file", h.backingFile(),
          Images.baseOf(given), backingFormat(h.backingFormat(), name));
    }
    return new Qcow2Image(file, h, l1, b);
  }

  /** The backing format extension in qemu's names; absent: detected by content, as qemu probes. */
  private static String backingFormat(String f, String name) throws IOException {
    if (f == null) {
      return null;
    }
    return switch (f) {
      case "raw", "file", "host_device" -> Images.RAW;
      case "qcow2" -> Images.QCOW2;
      case "vpc" -> Images.VHD;
      case "vmdk" -> Images.VMDK;
      default -> throw new org.jgrub.io.UnsupportedFeatureException(
          name + ": backing file format '" + f + "' (jgrub reads raw, qcow2, vpc, vmdk)");
    };
  }

  @Override
  public long size() {
    return h.size();
  }

  @Override
  public String describe() {
    return file.describe();
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    long at = offset;
    while (dst.hasRemaining()) {
      int inCluster = (int) (at & (clusterSize - 1));
      int n = Math.min(dst.remaining(), clusterSize - inCluster);
      readInCluster(at, inCluster, n, dst);
      at += n;
    }
  }

  /** Reads {@code n} bytes at virtual {@code at}, all inside one cluster. */
  private void readInCluster(long at, int inCluster, int n, ByteBuffer dst) throws IOException {
    long vcluster = at >>> clusterBits;
    long[] entry = lookup(vcluster);
    long e = entry[0];
    if ((e & L2_COMPRESSED) != 0) {
      if (h.extendedL2() && entry[1] != 0) {
        throw new CorruptDataException(name + ": compressed cluster " + vcluster
            + " has a subcluster bitmap 0x" + Long.toHexString(entry[1]));
      }
      readCompressed(vcluster, e, inCluster, n, dst);
      return;
    }
    long host = e & L2_OFFSET_MASK;
    if (host != 0 && (host & (clusterSize - 1)) != 0) {
      throw new CorruptDataException(name + ": L2 entry of cluster " + vcluster
          + " points to unaligned byte 0x" + Long.toHexString(host));
    }
    if (!h.extendedL2()) {
      boolean zero = h.version() >= 3 && (e & L2_ZERO) != 0;
      readPart(at, zero ? 0 : host == 0 ? -1 : 1, host, vcluster, inCluster, n, dst);
      return;
    }
    // Extended L2: each subcluster is allocated (bit i), zero (bit 32+i) or neither.
    long bitmap = entry[1];
    int done = 0;
    while (done < n) {
      int off = inCluster + done;
      int sc = off / subclusterSize;
      int len = Math.min(n - done, (sc + 1) * subclusterSize - off);
      boolean alloc = (bitmap >>> sc & 1) != 0;
      boolean zero = (bitmap >>> (32 + sc) & 1) != 0;
      if (alloc && zero) {
        throw new CorruptDataException(name + ": subcluster " + sc + " of cluster " + vcluster
            + " is both allocated and zero (bitmap 0x" + Long.toHexString(bitmap) + ")");
      }
      if (alloc && host == 0) {
        throw new CorruptDataException(name + ": subcluster " + sc + " of cluster " + vcluster
            + " is allocated in a cluster with no host offset");
      }
      readPart(at + done, zero ? 0 : alloc ? 1 : -1, host, vcluster, off, len, dst);
      done += len;
    }
  }

  /** kind 1: from the host cluster; 0: zeros; -1: unallocated (the backing file, or zeros). */
  private void readPart(long at, int kind, long host, long vcluster, int off, int len,
      ByteBuffer dst) throws IOException {
    if (kind > 0) {
      long pos = host + off;
      if (pos > file.size() - len) {
        throw new CorruptDataException(name + ": data of cluster " + vcluster + " at byte 0x"
            + Long.toHexString(pos) + " (+" + len + ") lies past the end of the "
            + file.size() + "-byte file");
      }
      ByteBuffer part = dst.slice(dst.position(), len);
      file.read(pos, part);
      dst.position(dst.position() + len);
    } else if (kind < 0 && backing != null) {
      readBacking(at, len, dst);
    } else {
      zeros(dst, len);
    }
  }

  /** Unallocated bytes come from the backing file; past its end they are zeros. */
  private void readBacking(long at, int len, ByteBuffer dst) throws IOException {
    long have = Math.max(0, Math.min(len, backing.size() - at));
    if (have > 0) {
      ByteBuffer part = dst.slice(dst.position(), (int) have);
      backing.read(at, part);
      dst.position(dst.position() + (int) have);
    }
    zeros(dst, len - (int) have);
  }

  private static void zeros(ByteBuffer dst, int len) {
    for (int i = 0; i < len; i++) {
      dst.put((byte) 0);
    }
  }

  /** The L2 entry (and, extended, its bitmap) of virtual cluster {@code vcluster}. */
  private synchronized long[] lookup(long vcluster) throws IOException {
    long l1i = vcluster >>> l2Bits;
    int l2i = (int) (vcluster & ((1L << l2Bits) - 1));
    if (l1i >= l1.length) {
      return new long[] {0, 0};
    }
    long l2Off = l1[(int) l1i] & L1_OFFSET_MASK;
    if (l2Off == 0) {
      return new long[] {0, 0};
    }
    long[] table = l2Cache.get(l2Off);
    if (table == null) {
      Qcow2Header.checkTable(file, l2Off, clusterSize, clusterSize, name,
          "L2 table of L1 entry " + l1i);
      ByteView v = ByteView.read(file, l2Off, clusterSize, name + ": L2 table");
      table = new long[clusterSize / 8];
      for (int i = 0; i < table.length; i++) {
        table[i] = v.u64be(i * 8);
      }
      l2Cache.put(l2Off, table);
    }
    return h.extendedL2()
        ? new long[] {table[2 * l2i], table[2 * l2i + 1]}
        : new long[] {table[l2i], 0};
  }

  /**
   * A compressed cluster (qcow2.txt, "Compressed Clusters Descriptor"): the low x bits hold the
   * host byte offset and the next bits the count of further 512-byte sectors it spans, with
   * x = 62 - (cluster_bits - 8). The data is raw deflate or one zstd frame, padded.
   */
  private synchronized void readCompressed(long vcluster, long e, int inCluster, int n,
      ByteBuffer dst) throws IOException {
    int x = 62 - (clusterBits - 8);
    long coff = e & ((1L << x) - 1);
    if (cachedCompressed != coff) {
      long sectors = ((e >>> x) & ((1L << (clusterBits - 8)) - 1)) + 1;
      long csize = sectors * 512 - (coff & 511);
      if (coff >= file.size()) {
        throw new CorruptDataException(name + ": compressed cluster " + vcluster + " at byte 0x"
            + Long.toHexString(coff) + " lies past the end of the " + file.size() + "-byte file");
      }
      // The sector count may run past the end of the file for the last cluster; qemu reads
      // zeros there. At most 2^(cluster_bits-8) sectors: a few MiB.
      int len = (int) Math.min(csize, file.size() - coff);
      if (compressedBuf == null || compressedBuf.length < len) {
        compressedBuf = new byte[len];
      }
      if (clusterBuf == null) {
        clusterBuf = new byte[clusterSize];
      }
      cachedCompressed = -1;
      file.read(coff, ByteBuffer.wrap(compressedBuf, 0, len));
      String what = name + ": compressed cluster " + vcluster + " at byte 0x"
          + Long.toHexString(coff);
      int got = h.zstd()
          ? Decode.zstd(codecs.zstd(), compressedBuf, len, clusterBuf, what)
          : Decode.inflate(codecs, true, compressedBuf, len, clusterBuf, what);
      if (got != clusterSize) {
        throw new CorruptDataException(what + ": decompresses to " + got + " bytes, not the "
            + clusterSize + "-byte cluster");
      }
      cachedCompressed = coff;
    }
    dst.put(clusterBuf, inCluster, n);
  }

  @Override
  public void close() throws IOException {
    try {
      if (backing != null) {
        backing.close();
      }
    } finally {
      file.close();
    }
  }
}
