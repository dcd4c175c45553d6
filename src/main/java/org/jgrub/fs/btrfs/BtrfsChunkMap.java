package org.jgrub.fs.btrfs;

import java.util.Map;
import java.util.TreeMap;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.Limits;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * Logical to physical address translation over the chunks of one device (the volume jgrub was
 * given). SINGLE, DUP and the mirrored profiles read any copy on this device; RAID0 and RAID10
 * need the stripe that holds the address to be on this device; RAID5/6 are refused.
 */
final class BtrfsChunkMap {
  private final TreeMap<Long, BtrfsChunk> chunks = new TreeMap<>();
  private final long devId;
  private final long devSize;

  private final Limits limits;

  BtrfsChunkMap(long devId, long devSize, Limits limits) {
    this.devId = devId;
    this.limits = limits;
    this.devSize = devSize;
  }

  void add(BtrfsChunk c) throws CorruptDataException {
    Limits.check(chunks.size() + 1L, limits.extentsPerFile, "btrfs chunks");
    Map.Entry<Long, BtrfsChunk> below = chunks.floorEntry(c.logical());
    if (below != null && below.getKey() == c.logical()) {
      return; // the sys_chunk_array and the chunk tree both list system chunks
    }
    if (below != null && below.getValue().logical() + below.getValue().length() > c.logical()) {
      throw new CorruptDataException(
          "btrfs: chunks overlap at logical 0x" + Long.toHexString(c.logical()));
    }
    chunks.put(c.logical(), c);
  }

  int size() {
    return chunks.size();
  }

  /** A physical run: the device byte for a logical address and the bytes contiguous from it. */
  record Mapping(long physical, long contiguous) {}

  Mapping map(long logical, String what) throws CorruptDataException, UnsupportedFeatureException {
    Map.Entry<Long, BtrfsChunk> e = chunks.floorEntry(logical);
    if (e == null || logical - e.getKey() >= e.getValue().length() || logical < 0) {
      throw new CorruptDataException(
          "btrfs: " + what + ": logical address 0x" + Long.toHexString(logical)
              + " is in no chunk");
    }
    BtrfsChunk c = e.getValue();
    long rel = logical - c.logical();
    long type = c.type();
    long physical;
    long contiguous;
    int n = c.devIds().length;
    if ((type & (BtrfsConst.BG_RAID5 | BtrfsConst.BG_RAID6)) != 0) {
      throw new UnsupportedFeatureException(
          "btrfs: " + what + " lies in a RAID5/6 chunk at logical 0x"
              + Long.toHexString(c.logical()) + "; jgrub reads only single-device copies");
    }
    if ((type & (BtrfsConst.BG_RAID0 | BtrfsConst.BG_RAID10)) != 0) {
      int sub = (type & BtrfsConst.BG_RAID10) != 0 ? c.subStripes() : 1;
      if (sub < 1 || n % sub != 0) {
        throw new CorruptDataException("btrfs: chunk 0x" + Long.toHexString(c.logical())
            + " has " + n + " stripes in groups of " + sub);
      }
      long stripeNr = rel / c.stripeLen();
      long inStripe = rel % c.stripeLen();
      int groups = n / sub;
      int first = (int) (stripeNr % groups) * sub;
      long devStripe = stripeNr / groups;
      int pick = -1;
      for (int k = 0; k < sub; k++) {
        if (c.devIds()[first + k] == devId) {
          pick = first + k;
          break;
        }
      }
      if (pick < 0) {
        throw missing(c, first, what);
      }
      physical = add(c.devOffsets()[pick], devStripe * c.stripeLen() + inStripe, c);
      contiguous = c.stripeLen() - inStripe;
    } else {
      // SINGLE, DUP, RAID1, RAID1C3, RAID1C4: every stripe holds the whole chunk.
      int pick = -1;
      for (int k = 0; k < n; k++) {
        if (c.devIds()[k] == devId) {
          pick = k;
          break;
        }
      }
      if (pick < 0) {
        throw missing(c, 0, what);
      }
      physical = add(c.devOffsets()[pick], rel, c);
      contiguous = c.length() - rel;
    }
    if (physical >= devSize) {
      throw new CorruptDataException(
          "btrfs: " + what + ": logical 0x" + Long.toHexString(logical) + " maps to byte 0x"
              + Long.toHexString(physical) + ", outside the device (size " + devSize + ")");
    }
    return new Mapping(physical, Math.min(contiguous, devSize - physical));
  }

  /** devOffset + rel, both non-negative; an overflow is a corrupt stripe offset. */
  private static long add(long devOffset, long rel, BtrfsChunk c) throws CorruptDataException {
    long p = devOffset + rel;
    if (p < 0) {
      throw new CorruptDataException("btrfs: chunk 0x" + Long.toHexString(c.logical())
          + ": stripe offset 0x" + Long.toHexString(devOffset) + " overflows");
    }
    return p;
  }

  private static UnsupportedFeatureException missing(BtrfsChunk c, int stripe, String what) {
    byte[] u = c.devUuids()[stripe];
    StringBuilder s = new StringBuilder();
    for (byte b : u) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return new UnsupportedFeatureException(
        "btrfs: " + what + " needs device " + c.devIds()[stripe] + " (uuid " + s
            + "), which is not this volume: multi-device filesystems are not supported");
  }
}
