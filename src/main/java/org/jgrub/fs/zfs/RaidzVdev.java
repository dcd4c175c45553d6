package org.jgrub.fs.zfs;

import java.io.IOException;
import java.util.List;
import org.jgrub.io.CorruptDataException;

/**
 * A raidz1/2/3 group: each block is split into columns over the children, parity first
 * (vdev_raidz_map_alloc). A block whose checksum fails, or whose column is missing, is rebuilt
 * from the P parity (XOR), or from Q (GF(2^8), generator 2) when P itself is unavailable: one bad
 * data column is recovered; more are reported.
 */
final class RaidzVdev extends Vdev {
  private final List<Vdev> children;
  private final int nparity;
  private final int ashift;

  RaidzVdev(List<Vdev> children, int nparity, int ashift) throws CorruptDataException {
    if (nparity < 1 || nparity > 3 || children.size() <= nparity || ashift < 9 || ashift > 16) {
      throw new CorruptDataException(
          "ZFS: raidz with " + children.size() + " children, parity " + nparity + ", ashift "
              + ashift + " is not a valid layout");
    }
    this.children = children;
    this.nparity = nparity;
    this.ashift = ashift;
  }

  /** One column of the map: which child, where, how many bytes. */
  private record Column(int dev, long offset, int size) {}

  private Column[] map(long offset, int psize) {
    int dcols = children.size();
    long unit = 1L << ashift;
    long b = offset >>> ashift;
    long s = (psize + unit - 1) >>> ashift;
    int f = (int) (b % dcols);
    long o = (b / dcols) << ashift;
    long q = s / (dcols - nparity);
    long r = s - q * (dcols - nparity);
    long bc = r == 0 ? 0 : r + nparity;
    int acols = q == 0 ? (int) bc : dcols;
    Column[] cols = new Column[acols];
    for (int c = 0; c < acols; c++) {
      int col = f + c;
      long coff = o;
      if (col >= dcols) {
        col -= dcols;
        coff += unit;
      }
      long size = c < bc ? (q + 1) << ashift : q << ashift;
      cols[c] = new Column(col, coff, (int) size);
    }
    // Single parity: swap parity and first data column every other megabyte, so that parity
    // does not always land on the same child (vdev_raidz_map_alloc).
    if (nparity == 1 && acols > 1 && (offset & (1L << 20)) != 0) {
      Column c0 = cols[0];
      Column c1 = cols[1];
      cols[0] = new Column(c1.dev, c1.offset, c0.size);
      cols[1] = new Column(c0.dev, c0.offset, c1.size);
    }
    return cols;
  }

  @Override
  byte[] read(long offset, int size, BlockCheck check) throws IOException {
    Column[] cols = map(offset, size);
    byte[][] data = new byte[cols.length][];
    int missingData = -1;
    for (int c = 0; c < cols.length; c++) {
      try {
        data[c] = children.get(cols[c].dev).readRaw(cols[c].offset, cols[c].size);
      } catch (CorruptDataException e) {
        data[c] = null; // an unreadable column is treated like a missing one
      }
      if (data[c] == null && c >= nparity) {
        missingData = missingData < 0 ? c : -2;
      }
    }
    if (missingData == -2) {
      throw new CorruptDataException(
          "ZFS: " + describe() + ": more than one data column of the block at offset 0x"
              + Long.toHexString(offset) + " is unavailable; jgrub rebuilds at most one");
    }
    if (missingData >= 0) {
      if (data[0] == null && (nparity < 2 || data[1] == null)) {
        throw new CorruptDataException(
            "ZFS: " + describe() + ": column " + missingData + " of the block at offset 0x"
                + Long.toHexString(offset) + " is unavailable and so is its parity");
      }
      return rebuildAndCheck(data, missingData, cols[missingData].size, size, check);
    }
    byte[] b = assemble(data, size);
    if (check.ok(b)) {
      return b;
    }
    // Every column read but the block is wrong: one data column may be silently damaged.
    for (int x = nparity; x < cols.length; x++) {
      b = rebuildAndCheck(data, x, cols[x].size, size, check);
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  /** Data column {@code x} rebuilt from P, else from Q, until the block verifies; or null. */
  private byte[] rebuildAndCheck(byte[][] data, int x, int xlen, int size, BlockCheck check)
      throws IOException {
    byte[] saved = data[x];
    try {
      if (data[0] != null) {
        data[x] = fromP(data, x, xlen);
        byte[] b = assemble(data, size);
        if (check.ok(b)) {
          return b;
        }
      }
      if (nparity >= 2 && data[1] != null) {
        data[x] = fromQ(data, x, xlen);
        byte[] b = assemble(data, size);
        if (check.ok(b)) {
          return b;
        }
      }
      return null;
    } finally {
      data[x] = saved;
    }
  }

  private byte[] assemble(byte[][] data, int size) {
    byte[] out = new byte[size];
    int at = 0;
    for (int c = nparity; c < data.length && at < size; c++) {
      int n = Math.min(data[c].length, size - at);
      System.arraycopy(data[c], 0, out, at, n);
      at += n;
    }
    return out;
  }

  /** P is the XOR of the data columns (shorter columns count as zero-padded). */
  private byte[] fromP(byte[][] data, int x, int xlen) {
    byte[] out = new byte[xlen];
    System.arraycopy(data[0], 0, out, 0, Math.min(xlen, data[0].length));
    for (int c = nparity; c < data.length; c++) {
      if (c != x) {
        xorInto(out, data[c]);
      }
    }
    return out;
  }

  /**
   * Q is the sum over data columns i of D_i * 2^(ndata-1-i) in GF(2^8): recompute it without
   * column {@code x} and divide the difference by x's coefficient.
   */
  private byte[] fromQ(byte[][] data, int x, int xlen) {
    byte[] q = new byte[data[1].length];
    int ndata = data.length - nparity;
    for (int c = nparity; c < data.length; c++) {
      Gf256.mul2InPlace(q);
      if (c != x) {
        xorInto(q, data[c]);
      }
    }
    int inv = Gf256.inversePow2(ndata - 1 - (x - nparity));
    byte[] out = new byte[xlen];
    for (int i = 0; i < xlen && i < q.length; i++) {
      out[i] = (byte) Gf256.mul((q[i] ^ data[1][i]) & 0xff, inv);
    }
    return out;
  }

  private static void xorInto(byte[] dst, byte[] src) {
    int n = Math.min(dst.length, src.length);
    for (int i = 0; i < n; i++) {
      dst[i] ^= src[i];
    }
  }

  @Override
  byte[] readRaw(long offset, int size) throws IOException {
    return null; // a raidz group is never a child of another vdev
  }

  @Override
  String describe() {
    return "raidz" + nparity + " of " + children.size();
  }
}
