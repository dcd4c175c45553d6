package org.jgrub.fs.fat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;

/**
 * The first file allocation table, read in 64 KiB pieces as chains need them (FAT specification
 * section 4: FAT12 entries are 12 bits packed in pairs, FAT16 16 bits, FAT32 28 bits of 32; exFAT
 * specification section 4.1: 32 bits, 0xFFFFFFFF ends a chain).
 */
final class FatTable {
  /** The four entry formats. */
  enum Width {
    FAT12,
    FAT16,
    FAT32,
    EXFAT
  }

  private static final int PIECE = 64 * 1024;
  /** Values at or above these end a chain (section 4, "EOC mark"); the value below is "bad". */
  private static final long EOC12 = 0xFF8;
  private static final long EOC16 = 0xFFF8;
  private static final long EOC32 = 0x0FFFFFF8L;
  private static final long EOC_EXFAT = 0xFFFFFFFFL;
  private static final long FAT32_MASK = 0x0FFFFFFFL;

  /** Returned for any end-of-chain mark. */
  static final long END = -1;

  private final BlockDevice dev;
  private final Geometry bs;
  private final long offset;
  private final long bytes;
  private final Map<Long, byte[]> pieces = new HashMap<>();
  private long cached;

  /** The bounds of the volume this table belongs to. */
  final Limits limits;

  FatTable(BlockDevice dev, Geometry g, Limits limits) throws CorruptDataException {
    this.dev = dev;
    this.limits = limits;
    this.bs = g;
    this.offset = g.fatOffset();
    this.bytes = g.fatBytes();
    dev.checkRange(offset, bytes, g.fsName() + ": first FAT");
  }

  /**
   * The successor of {@code cluster} in its chain, or {@link #END}. A free, reserved, bad or
   * out-of-range successor is corruption: no chain of a live file may contain one.
   */
  long next(long cluster) throws IOException {
    long v;
    long eoc;
    switch (bs.width()) {
      case FAT12 -> {
        long at = cluster + cluster / 2;
        int pair = byteAt(at) | byteAt(at + 1) << 8;
        v = (cluster & 1) == 0 ? pair & 0xFFF : pair >>> 4;
        eoc = EOC12;
      }
      case FAT16 -> {
        long at = cluster * 2;
        v = byteAt(at) | byteAt(at + 1) << 8;
        eoc = EOC16;
      }
      case FAT32 -> {
        v = u32(cluster * 4) & FAT32_MASK;
        eoc = EOC32;
      }
      default -> {
        v = u32(cluster * 4);
        eoc = EOC_EXFAT;
      }
    }
    if (v >= eoc) {
      return END;
    }
    if (v < 2 || v > bs.maxCluster()) {
      throw new CorruptDataException(
          bs.fsName() + " on " + dev.describe() + ": FAT entry of cluster " + cluster + " is 0x"
              + Long.toHexString(v) + (v == eoc - 1 ? " (bad cluster)" : "")
              + ", not a cluster in 2.." + bs.maxCluster() + " or an end mark");
    }
    return v;
  }

  private long u32(long at) throws IOException {
    return byteAt(at) | byteAt(at + 1) << 8 | byteAt(at + 2) << 16 | (long) byteAt(at + 3) << 24;
  }

  private int byteAt(long at) throws IOException {
    if (at < 0 || at >= bytes) {
      throw new CorruptDataException(bs.fsName() + ": FAT byte " + at + " outside the " + bytes + "-byte FAT");
    }
    long piece = at / PIECE;
    byte[] p = pieces.get(piece);
    if (p == null) {
      int len = (int) Math.min(PIECE, bytes - piece * PIECE);
      cached += len;
      Limits.check(cached, limits.metadataBytes, bs.fsName() + ": FAT bytes cached");
      p = dev.read(offset + piece * PIECE, len);
      pieces.put(piece, p);
    }
    return p[(int) (at - piece * PIECE)] & 0xff;
  }
}
