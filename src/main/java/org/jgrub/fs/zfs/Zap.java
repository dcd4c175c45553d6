package org.jgrub.fs.zfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * A ZAP object (zap.c, zap_micro.c): the name/value store behind directories and most MOS
 * objects. A micro ZAP is one block of 64-byte entries with one 64-bit value each; a fat ZAP has a
 * header block, a pointer table (embedded in the header's second half or in separate blocks) and
 * leaf blocks of 24-byte chunks, names and values stored as chained arrays. Every leaf referenced
 * by the pointer table is read, chains are bounded by the leaf's chunk count.
 */
final class Zap {
  private Zap() {}

  static final long ZBT_LEAF = (1L << 63);
  static final long ZBT_HEADER = (1L << 63) + 1;
  static final long ZBT_MICRO = (1L << 63) + 3;
  private static final long ZAP_MAGIC = 0x2F52AB2ABL;
  private static final int MZAP_ENT = 64;
  private static final int MZAP_NAME = 14;
  private static final int MZAP_NAME_LEN = 50;

  // zap_phys_t
  private static final int ZAP_MAGIC_OFF = 8;
  private static final int ZT_BLK = 16;
  private static final int ZT_NUMBLKS = 24;
  private static final int ZT_SHIFT = 32;

  // zap_leaf_phys_t
  private static final int LEAF_HEADER = 48;
  private static final int LH_MAGIC = 24;
  private static final int LEAF_MAGIC = 0x2AB1EAF;
  private static final int CHUNK = 24;
  private static final int CHUNK_ENTRY = 252;
  private static final int CHUNK_ARRAY = 251;
  private static final int ARRAY_BYTES = 21;
  private static final int LE_INTLEN = 1;
  private static final int LE_NAME_CHUNK = 4;
  private static final int LE_NAME_NUMINTS = 6;
  private static final int LE_VALUE_CHUNK = 8;
  private static final int LE_VALUE_NUMINTS = 10;
  private static final int LA_NEXT = 22;

  /** A ZAP value: {@code intLen}-byte integers, first one in {@code first}. */
  record Value(int intLen, long[] ints) {
    long first() {
      return ints.length == 0 ? 0 : ints[0];
    }
  }

  /** Every entry of ZAP object {@code obj}, in on-disk order. */
  static Map<String, Value> read(ObjectSet os, long obj, String what) throws IOException {
    Dnode dn = os.dnode(obj);
    ZfsPool.Block b0 = os.pool.readObjectBlock(dn, 0, what);
    if (b0 == null) {
      throw new CorruptDataException("ZFS: " + what + ": ZAP object " + obj + " has no block 0");
    }
    ByteView v = ByteView.of(b0.data(), "ZFS ZAP " + what);
    boolean be = b0.bigEndian();
    long blockType = v.u64(0, be);
    Map<String, Value> out = new LinkedHashMap<>();
    if (blockType == ZBT_MICRO) {
      readMicro(v, be, out);
    } else if (blockType == ZBT_HEADER) {
      readFat(os, dn, v, be, out, what);
    } else {
      throw v.corrupt("ZAP object " + obj + " has block type 0x" + Long.toHexString(blockType));
    }
    return out;
  }

  /** The single integer value of {@code name}, or null. */
  static Long lookup(ObjectSet os, long obj, String name, String what) throws IOException {
    Value val = read(os, obj, what).get(name);
    return val == null ? null : val.first();
  }

  private static void readMicro(ByteView v, boolean be, Map<String, Value> out)
      throws CorruptDataException {
    int n = v.length() / MZAP_ENT - 1;
    for (int i = 1; i <= n; i++) {
      int at = i * MZAP_ENT;
      String name = v.cstring(at + MZAP_NAME, MZAP_NAME_LEN, StandardCharsets.UTF_8);
      if (!name.isEmpty()) {
        out.put(name, new Value(8, new long[] {v.u64(at, be)}));
      }
    }
  }

  private static void readFat(ObjectSet os, Dnode dn, ByteView v, boolean be,
      Map<String, Value> out, String what) throws IOException {
    if (v.u64(ZAP_MAGIC_OFF, be) != ZAP_MAGIC) {
      throw v.corrupt("fat ZAP magic is wrong");
    }
    int bs = v.length();
    long numblks = v.u64(ZT_NUMBLKS, be);
    long shift = v.u64(ZT_SHIFT, be);
    int limit = os.pool.bounds().limits().dirEntries;
    if (shift < 0 || shift > 30 || (1L << shift) > Math.max(limit, 1 << 20)) {
      throw v.corrupt("ZAP pointer table of 2^" + shift + " entries");
    }
    Set<Long> leaves = new LinkedHashSet<>();
    long entries = 1L << shift;
    if (numblks == 0) {
      // Embedded table: the second half of the header block (ZAP_EMBEDDED_PTRTBL_ENT).
      if (entries > bs / 16) {
        throw v.corrupt("embedded ZAP pointer table of " + entries + " entries");
      }
      for (int i = 0; i < entries; i++) {
        leaves.add(v.u64(bs / 2 + 8 * i, be));
      }
    } else {
      long blk = v.u64(ZT_BLK, be);
      long perBlock = bs / 8;
      if (numblks < 0 || numblks * perBlock < entries || numblks > entries) {
        throw v.corrupt("ZAP pointer table of " + numblks + " blocks for " + entries);
      }
      for (long k = 0; k < numblks; k++) {
        ZfsPool.Block pb = os.pool.readObjectBlock(dn, Math.addExact(blk, k), what);
        if (pb == null) {
          throw v.corrupt("ZAP pointer table block " + (blk + k) + " is a hole");
        }
        ByteView p = ByteView.of(pb.data(), "ZFS ZAP pointer table of " + what);
        for (int i = 0; i < perBlock && k * perBlock + i < entries; i++) {
          leaves.add(p.u64(8 * i, pb.bigEndian()));
        }
      }
    }
    for (long leaf : leaves) {
      ZfsPool.Block lb = os.pool.readObjectBlock(dn, leaf, what);
      if (lb == null) {
        throw v.corrupt("ZAP leaf block " + leaf + " is a hole");
      }
      readLeaf(ByteView.of(lb.data(), "ZFS ZAP leaf " + leaf + " of " + what), lb.bigEndian(),
          out, limit);
    }
  }

  static void readLeaf(ByteView v, boolean be, Map<String, Value> out, int limit)
      throws CorruptDataException {
    if (v.u64(0, be) != ZBT_LEAF || v.u32(LH_MAGIC, be) != LEAF_MAGIC) {
      throw v.corrupt("ZAP leaf has a bad block type or magic");
    }
    int bs = v.length();
    int hashEntries = bs / 32; // 1 << (block shift - 5)
    int chunksAt = LEAF_HEADER + 2 * hashEntries;
    int nchunks = (bs - 2 * hashEntries) / CHUNK - 2;
    for (int c = 0; c < nchunks; c++) {
      int at = chunksAt + c * CHUNK;
      if (v.u8(at) != CHUNK_ENTRY) {
        continue;
      }
      int intLen = v.u8(at + LE_INTLEN);
      int nameInts = v.u16(at + LE_NAME_NUMINTS, be);
      int valInts = v.u16(at + LE_VALUE_NUMINTS, be);
      if (intLen != 1 && intLen != 2 && intLen != 4 && intLen != 8) {
        throw v.corrupt("ZAP entry chunk " + c + " has integer length " + intLen);
      }
      byte[] name = array(v, be, chunksAt, nchunks, v.u16(at + LE_NAME_CHUNK, be), nameInts, c);
      byte[] val =
          array(v, be, chunksAt, nchunks, v.u16(at + LE_VALUE_CHUNK, be), valInts * intLen, c);
      int nameLen = name.length;
      while (nameLen > 0 && name[nameLen - 1] == 0) {
        nameLen--;
      }
      long[] ints = new long[valInts];
      for (int i = 0; i < valInts; i++) {
        long x = 0;
        for (int k = 0; k < intLen; k++) {
          x = x << 8 | (val[i * intLen + k] & 0xff); // leaf arrays are big-endian
        }
        ints[i] = x;
      }
      out.put(new String(name, 0, nameLen, StandardCharsets.UTF_8), new Value(intLen, ints));
      if (out.size() > limit) {
        throw v.corrupt("ZAP has more than " + limit + " entries");
      }
    }
  }

  /** Reads {@code len} bytes from the chain of array chunks starting at {@code first}. */
  private static byte[] array(
      ByteView v, boolean be, int chunksAt, int nchunks, int first, int len, int entry)
      throws CorruptDataException {
    if (len < 0 || len > nchunks * ARRAY_BYTES) {
      throw v.corrupt("ZAP entry chunk " + entry + " claims " + len + " bytes");
    }
    byte[] out = new byte[len];
    int chunk = first;
    int at = 0;
    java.util.BitSet seen = new java.util.BitSet(nchunks);
    while (at < len) {
      if (chunk < 0 || chunk >= nchunks) {
        throw v.corrupt("ZAP entry chunk " + entry + ": array chain reaches chunk " + chunk);
      }
      if (seen.get(chunk)) {
        throw v.corrupt("ZAP entry chunk " + entry + ": array chain loops at chunk " + chunk);
      }
      seen.set(chunk);
      int off = chunksAt + chunk * CHUNK;
      if (v.u8(off) != CHUNK_ARRAY) {
        throw v.corrupt("ZAP entry chunk " + entry + ": chunk " + chunk + " is not an array");
      }
      int n = Math.min(ARRAY_BYTES, len - at);
      System.arraycopy(v.bytes(off + 1, n), 0, out, at, n);
      at += n;
      chunk = v.u16(off + LA_NEXT, be);
    }
    return out;
  }
}
