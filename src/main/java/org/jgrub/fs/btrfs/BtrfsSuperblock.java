package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The btrfs superblock (struct btrfs_super_block, 4 KiB, little-endian) at 64 KiB with mirrors at
 * 64 MiB and 256 GiB. The primary's magic decides whether the volume is btrfs; among the copies
 * that lie inside the device and pass their checksum, the newest generation is used, as the
 * kernel and GRUB do, so a damaged primary falls back to a mirror.
 */
record BtrfsSuperblock(
    long at,
    byte[] fsid,
    byte[] metadataUuid,
    long generation,
    long rootTree,
    int rootLevel,
    long chunkRoot,
    int chunkRootLevel,
    long totalBytes,
    long numDevices,
    int sectorSize,
    int nodeSize,
    long incompat,
    long flags,
    BtrfsChecksum csum,
    long devId,
    byte[] devUuid,
    String label,
    ByteView sysChunkArray) {

  static final long[] OFFSETS = {0x10000L, 0x4000000L, 0x4000000000L};
  static final int SIZE = 4096;
  static final byte[] MAGIC = "_BHRfS_M".getBytes(StandardCharsets.US_ASCII);
  static final int OFF_FSID = 0x20;
  static final int OFF_BYTENR = 0x30;
  static final int OFF_FLAGS = 0x38;
  static final int OFF_MAGIC = 0x40;
  static final int OFF_GENERATION = 0x48;
  static final int OFF_ROOT = 0x50;
  static final int OFF_CHUNK_ROOT = 0x58;
  static final int OFF_TOTAL_BYTES = 0x70;
  static final int OFF_BYTES_USED = 0x78;
  static final int OFF_NUM_DEVICES = 0x88;
  static final int OFF_SECTORSIZE = 0x90;
  static final int OFF_NODESIZE = 0x94;
  static final int OFF_SYS_ARRAY_SIZE = 0xa0;
  static final int OFF_INCOMPAT = 0xbc;
  static final int OFF_CSUM_TYPE = 0xc4;
  static final int OFF_ROOT_LEVEL = 0xc6;
  static final int OFF_CHUNK_ROOT_LEVEL = 0xc7;
  static final int OFF_DEV_ITEM = 0xc9;
  static final int DEV_ITEM_OFF_DEVID = 0;
  static final int DEV_ITEM_OFF_UUID = 66;
  static final int OFF_LABEL = 0x12b;
  static final int LABEL_LEN = 256;
  static final int OFF_METADATA_UUID = 0x23b;
  static final int OFF_SYS_ARRAY = 0x32b;
  static final int SYS_ARRAY_MAX = 2048;
  /** BTRFS_SUPER_FLAG_METADUMP and _METADUMP_V2: a btrfs-image dump without file data. */
  static final long FLAG_METADUMP = (1L << 33) | (1L << 34);
  /** BTRFS_MAX_LEVEL: trees are at most eight levels (0..7). */
  static final int MAX_LEVEL = 7;

  /** True when the primary superblock's magic is present. */
  static boolean hasMagic(BlockDevice dev) throws IOException {
    if (dev.size() < OFFSETS[0] + SIZE) {
      return false;
    }
    return Arrays.equals(dev.read(OFFSETS[0] + OFF_MAGIC, MAGIC.length), MAGIC);
  }

  /** The newest valid copy; throws when none is valid (the error of the primary). */
  static BtrfsSuperblock read(BlockDevice dev) throws IOException {
    BtrfsSuperblock best = null;
    CorruptDataException primaryError = null;
    for (long off : OFFSETS) {
      if (off + SIZE > dev.size()) {
        break;
      }
      try {
        BtrfsSuperblock s = parse(dev, off);
        if (s != null && (best == null || s.generation > best.generation)
            && (best == null || Arrays.equals(best.fsid, s.fsid))) {
          best = s;
        }
      } catch (CorruptDataException e) {
        // Only damage falls back to a mirror; an unsupported feature is the answer.
        if (off == OFFSETS[0]) {
          primaryError = e;
        }
      }
    }
    if (best == null) {
      throw primaryError != null
          ? primaryError
          : new CorruptDataException("btrfs: no valid superblock copy");
    }
    if ((best.flags & FLAG_METADUMP) != 0) {
      throw new org.jgrub.io.UnsupportedFeatureException(
          "btrfs: a btrfs-image metadata dump (it carries no file data)");
    }
    BtrfsFeatures.check(best.incompat);
    return best;
  }

  private static BtrfsSuperblock parse(BlockDevice dev, long off) throws IOException {
    byte[] raw = dev.read(off, SIZE);
    ByteView v = ByteView.of(raw, "btrfs superblock", off);
    if (!Arrays.equals(v.bytes(OFF_MAGIC, MAGIC.length), MAGIC)) {
      return null;
    }
    BtrfsChecksum csum = BtrfsChecksum.of(v.u16le(OFF_CSUM_TYPE));
    csum.verify(raw, SIZE, "superblock", off);
    if (v.u64le(OFF_BYTENR) != off) {
      throw v.corrupt("records its own address as 0x" + Long.toHexString(v.u64le(OFF_BYTENR)));
    }
    long incompat = v.u64le(OFF_INCOMPAT);
    long sectorSize = v.u32le(OFF_SECTORSIZE);
    long nodeSize = v.u32le(OFF_NODESIZE);
    // Kernel limits: sector size 4 KiB..64 KiB, node size sector size..64 KiB, powers of two.
    if (sectorSize < 4096 || sectorSize > 65536 || Long.bitCount(sectorSize) != 1) {
      throw v.corrupt("bad sector size " + sectorSize);
    }
    if (nodeSize < sectorSize || nodeSize > 65536 || Long.bitCount(nodeSize) != 1) {
      throw v.corrupt("bad node size " + nodeSize);
    }
    int rootLevel = v.u8(OFF_ROOT_LEVEL);
    int chunkLevel = v.u8(OFF_CHUNK_ROOT_LEVEL);
    if (rootLevel > MAX_LEVEL || chunkLevel > MAX_LEVEL) {
      throw v.corrupt("tree level above " + MAX_LEVEL);
    }
    long sysSize = v.u32le(OFF_SYS_ARRAY_SIZE);
    if (sysSize > SYS_ARRAY_MAX) {
      throw v.corrupt("sys_chunk_array of " + sysSize + " bytes");
    }
    byte[] fsid = v.bytes(OFF_FSID, 16);
    byte[] metaUuid =
        (incompat & BtrfsFeatures.METADATA_UUID) != 0 ? v.bytes(OFF_METADATA_UUID, 16) : fsid;
    return new BtrfsSuperblock(
        off,
        fsid,
        metaUuid,
        v.u64le(OFF_GENERATION),
        v.u64le(OFF_ROOT),
        rootLevel,
        v.u64le(OFF_CHUNK_ROOT),
        chunkLevel,
        v.u64le(OFF_TOTAL_BYTES),
        v.u64le(OFF_NUM_DEVICES),
        (int) sectorSize,
        (int) nodeSize,
        incompat,
        v.u64le(OFF_FLAGS),
        csum,
        v.u64le(OFF_DEV_ITEM + DEV_ITEM_OFF_DEVID),
        v.bytes(OFF_DEV_ITEM + DEV_ITEM_OFF_UUID, 16),
        v.cstring(OFF_LABEL, LABEL_LEN, StandardCharsets.UTF_8),
        v.slice(OFF_SYS_ARRAY, (int) sysSize, "btrfs sys_chunk_array"));
  }
}
