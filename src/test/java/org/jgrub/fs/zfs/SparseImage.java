package org.jgrub.fs.zfs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jgrub.io.BlockDevice;
import org.tukaani.xz.XZInputStream;

/**
 * A test vdev held in memory with only its non-zero 64 KiB chunks: the OpenZFS test pools are
 * 64 MiB to 1 GiB files that are almost all zeros, too large to unpack once per test. Reads an xz
 * stream of the raw file, or GNU tar's old sparse format ('S' entries, as {@code tar -cSf}
 * writes them) for testpool_zstd.tar.gz.
 */
final class SparseImage implements BlockDevice {
  private static final int CHUNK = 64 << 10;
  private final Map<Long, byte[]> chunks = new HashMap<>();
  private final long size;
  private final String name;

  private SparseImage(long size, String name) {
    this.size = size;
    this.name = name;
  }

  static SparseImage xz(Path file) throws IOException {
    try (InputStream in = new XZInputStream(Files.newInputStream(file))) {
      Map<Long, byte[]> tmp = new HashMap<>();
      long at = 0;
      while (true) {
        byte[] b = in.readNBytes(CHUNK);
        if (b.length == 0) {
          break;
        }
        if (!allZero(b)) {
          tmp.put(at / CHUNK, b.length == CHUNK ? b : java.util.Arrays.copyOf(b, CHUNK));
        }
        at += b.length;
      }
      SparseImage img = new SparseImage(at, file.getFileName().toString());
      img.chunks.putAll(tmp);
      return img;
    }
  }

  /** The one regular or sparse file of a gzip'd tar in GNU's old sparse format. */
  static SparseImage sparseTar(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] h = in.readNBytes(512);
      String name = cstr(h, 0, 100);
      char type = (char) h[156];
      long realSize = octal(h, 483, 12);
      long stored = octal(h, 124, 12);
      java.util.List<long[]> map = new java.util.ArrayList<>();
      if (type != 'S') {
        throw new IOException(file + ": tar entry type " + type + " is not a sparse file");
      }
      for (int i = 0; i < 4; i++) {
        addEntry(map, h, 386 + 24 * i);
      }
      boolean extended = h[482] != 0;
      while (extended) {
        byte[] x = in.readNBytes(512);
        for (int i = 0; i < 21; i++) {
          addEntry(map, x, 24 * i);
        }
        extended = x[504] != 0;
      }
      SparseImage img = new SparseImage(realSize, name);
      long consumed = 0;
      for (long[] e : map) {
        long off = e[0];
        long left = e[1];
        while (left > 0) {
          int n = (int) Math.min(left, CHUNK - (off % CHUNK));
          byte[] part = in.readNBytes(n);
          if (part.length != n) {
            throw new EOFException(file + ": sparse data ends early");
          }
          byte[] c = img.chunks.computeIfAbsent(off / CHUNK, k -> new byte[CHUNK]);
          System.arraycopy(part, 0, c, (int) (off % CHUNK), n);
          off += n;
          left -= n;
          consumed += n;
        }
      }
      if (consumed != stored) {
        throw new IOException(file + ": sparse map covers " + consumed + " of " + stored + " bytes");
      }
      return img;
    }
  }

  private static void addEntry(java.util.List<long[]> map, byte[] h, int at) {
    if (h[at] == 0) {
      return;
    }
    map.add(new long[] {octal(h, at, 12), octal(h, at + 12, 12)});
  }

  private static long octal(byte[] h, int at, int len) {
    long v = 0;
    for (int i = at; i < at + len; i++) {
      int c = h[i];
      if (c >= '0' && c <= '7') {
        v = v * 8 + (c - '0');
      } else if (v != 0 || c == 0) {
        if (c == 0 || c == ' ') {
          break;
        }
      }
    }
    return v;
  }

  private static String cstr(byte[] h, int at, int len) {
    int e = at;
    while (e < at + len && h[e] != 0) {
      e++;
    }
    return new String(h, at, e - at, StandardCharsets.US_ASCII);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    checkRange(offset, dst.remaining(), "read");
    long at = offset;
    while (dst.hasRemaining()) {
      int in = (int) (at % CHUNK);
      int n = Math.min(dst.remaining(), CHUNK - in);
      byte[] c = chunks.get(at / CHUNK);
      if (c == null) {
        for (int i = 0; i < n; i++) {
          dst.put((byte) 0);
        }
      } else {
        dst.put(c, in, n);
      }
      at += n;
    }
  }

  @Override
  public String describe() {
    return name;
  }
}
