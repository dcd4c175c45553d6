package org.jgrub.fs.ext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The fields of the ext2/3/4 superblock (1024 bytes at byte 1024 of the volume) that reading
 * needs, checked for the geometry the kernel insists on (fs/ext4/super.c, ext4_fill_super).
 */
record Superblock(
    String type,
    long inodesCount,
    long blocksCount,
    long firstDataBlock,
    int blockSize,
    int clusterSize,
    long blocksPerGroup,
    long inodesPerGroup,
    int inodeSize,
    int compat,
    int incompat,
    int roCompat,
    byte[] uuid,
    String label,
    int descSize,
    long firstMetaBg,
    long backupBg0,
    long backupBg1,
    long groupCount,
    int[] hashSeed,
    boolean unsignedHash) {

  static final long OFFSET = 1024;
  static final int SIZE = 1024;
  static final int MAGIC = 0xef53;

  // Field offsets (ext4 on-disk format, "Super Block").
  static final int S_INODES_COUNT = 0x0;
  static final int S_BLOCKS_COUNT_LO = 0x4;
  static final int S_FREE_BLOCKS_COUNT_LO = 0xc;
  static final int S_FREE_BLOCKS_COUNT_HI = 0x158;
  static final int S_FIRST_DATA_BLOCK = 0x14;
  static final int S_LOG_BLOCK_SIZE = 0x18;
  static final int S_LOG_CLUSTER_SIZE = 0x1c;
  static final int S_BLOCKS_PER_GROUP = 0x20;
  static final int S_INODES_PER_GROUP = 0x28;
  static final int S_MAGIC = 0x38;
  static final int S_REV_LEVEL = 0x4c;
  static final int S_FIRST_INO = 0x54;
  static final int S_INODE_SIZE = 0x58;
  static final int S_FEATURE_COMPAT = 0x5c;
  static final int S_FEATURE_INCOMPAT = 0x60;
  static final int S_FEATURE_RO_COMPAT = 0x64;
  static final int S_UUID = 0x68;
  static final int S_VOLUME_NAME = 0x78;
  static final int S_HASH_SEED = 0xec;
  static final int S_DESC_SIZE = 0xfe;
  static final int S_FLAGS = 0x160;
  static final int FLAGS_UNSIGNED_HASH = 0x2;
  static final int S_FIRST_META_BG = 0x104;
  static final int S_BLOCKS_COUNT_HI = 0x150;
  static final int S_BACKUP_BGS = 0x24c;
  static final int S_CHECKSUM_TYPE = 0x175;
  static final int S_CHECKSUM = 0x3fc;

  static final int DYNAMIC_REV = 1;
  static final int GOOD_OLD_INODE_SIZE = 128;
  static final int GOOD_OLD_FIRST_INO = 11;
  static final int MAX_LOG_BLOCK_SIZE = 6; // 64 KiB, the kernel's EXT4_MAX_BLOCK_SIZE
  static final int MAX_LOG_CLUSTER_SIZE = 20; // 1 GiB, the kernel's EXT4_MAX_CLUSTER_LOG_SIZE
  static final int DESC_SIZE_32 = 32;
  static final int MIN_DESC_SIZE_64 = 64;
  static final int MAX_DESC_SIZE = 1024;
  static final int CHECKSUM_TYPE_CRC32C = 1;

  boolean has(int incompatBit) {
    return (incompat & incompatBit) != 0;
  }

  long blockOffset(long block) throws CorruptDataException {
    return Math.multiplyExact(block, (long) blockSize);
  }

  /** Reads the superblock; null when the magic is absent (not an ext volume). */
  static Superblock read(BlockDevice dev) throws IOException {
    if (dev.size() < OFFSET + SIZE) {
      return null;
    }
    ByteView v = ByteView.read(dev, OFFSET, SIZE, "ext superblock");
    if (v.u16le(S_MAGIC) != MAGIC) {
      return null;
    }
    int compat = v.s32le(S_FEATURE_COMPAT);
    int incompat = v.s32le(S_FEATURE_INCOMPAT);
    int roCompat = v.s32le(S_FEATURE_RO_COMPAT);
    String type = Features.blkidType(compat, incompat, roCompat);
    String p = type + ": superblock";
    if ((roCompat & Features.RO_COMPAT_METADATA_CSUM) != 0) {
      checkCrc(v, p);
    }
    Features.check(type, incompat);
    long logBlock = v.u32le(S_LOG_BLOCK_SIZE);
    if (logBlock > MAX_LOG_BLOCK_SIZE) {
      throw v.corrupt("block size 2^(10+" + logBlock + ") is larger than 64 KiB");
    }
    int blockSize = 1024 << logBlock;
    int clusterSize = blockSize;
    if ((roCompat & Features.RO_COMPAT_BIGALLOC) != 0) {
      long logCluster = v.u32le(S_LOG_CLUSTER_SIZE);
      if (logCluster < logBlock || logCluster > MAX_LOG_CLUSTER_SIZE) {
        throw v.corrupt("cluster size 2^(10+" + logCluster + ") is invalid");
      }
      clusterSize = 1024 << logCluster;
    }
    long ratio = clusterSize / blockSize;
    long blocksCount = v.u32le(S_BLOCKS_COUNT_LO);
    if ((incompat & Features.INCOMPAT_64BIT) != 0) {
      blocksCount |= v.u32le(S_BLOCKS_COUNT_HI) << 32;
    }
    long firstDataBlock = v.u32le(S_FIRST_DATA_BLOCK);
    long bpg = v.u32le(S_BLOCKS_PER_GROUP);
    long ipg = v.u32le(S_INODES_PER_GROUP);
    long inodesCount = v.u32le(S_INODES_COUNT);
    if (blocksCount <= 0 || firstDataBlock > 1 || firstDataBlock >= blocksCount) {
      throw v.corrupt("first data block " + firstDataBlock + " is invalid");
    }
    if (bpg == 0 || bpg > 8L * blockSize * ratio) {
      throw v.corrupt("blocks per group " + bpg + " is invalid for " + blockSize + "-byte blocks");
    }
    if (ipg == 0 || ipg > 8L * blockSize) {
      throw v.corrupt("inodes per group " + ipg + " is invalid for " + blockSize + "-byte blocks");
    }
    // Checked before any arithmetic on the counts, so that none of it can overflow.
    if (blocksCount > dev.size() / blockSize) {
      throw new CorruptDataException(
          p + ": the filesystem has " + Long.toUnsignedString(blocksCount) + " blocks of "
              + blockSize + " bytes but the volume holds only " + dev.size()
              + " bytes (a truncated image?)");
    }
    long groups = (blocksCount - firstDataBlock + bpg - 1) / bpg;
    // ext4_fill_super: "inodes count not valid" unless groups * inodes_per_group matches.
    if (inodesCount % ipg != 0 || inodesCount / ipg != groups) {
      throw v.corrupt(
          "inode count " + inodesCount + " is not " + groups + " groups of " + ipg + " inodes");
    }
    int inodeSize = GOOD_OLD_INODE_SIZE;
    long rev = v.u32le(S_REV_LEVEL);
    if (rev > DYNAMIC_REV) {
      throw new UnsupportedFeatureException(
          p + ": revision " + rev + " (only 0 and 1 exist; the kernel refuses it too)");
    }
    if (rev == DYNAMIC_REV) {
      inodeSize = v.u16le(S_INODE_SIZE);
      if (inodeSize < GOOD_OLD_INODE_SIZE
          || inodeSize > blockSize
          || (inodeSize & (inodeSize - 1)) != 0) {
        throw v.corrupt("inode size " + inodeSize + " is invalid");
      }
      if (v.u32le(S_FIRST_INO) < GOOD_OLD_FIRST_INO) {
        throw v.corrupt("first inode " + v.u32le(S_FIRST_INO) + " is below 11");
      }
    }
    int descSize = DESC_SIZE_32;
    if ((incompat & Features.INCOMPAT_64BIT) != 0) {
      descSize = v.u16le(S_DESC_SIZE);
      if (descSize < MIN_DESC_SIZE_64
          || descSize > MAX_DESC_SIZE
          || descSize > blockSize
          || (descSize & (descSize - 1)) != 0) {
        throw v.corrupt("group descriptor size " + descSize + " is invalid");
      }
    }
    String label = v.cstring(S_VOLUME_NAME, 16, StandardCharsets.UTF_8);
    return new Superblock(
        type, inodesCount, blocksCount, firstDataBlock, blockSize, clusterSize, bpg, ipg,
        inodeSize, compat, incompat, roCompat, v.bytes(S_UUID, 16), label,
        descSize, v.u32le(S_FIRST_META_BG), v.u32le(S_BACKUP_BGS), v.u32le(S_BACKUP_BGS + 4),
        groups,
        new int[] {v.s32le(S_HASH_SEED), v.s32le(S_HASH_SEED + 4), v.s32le(S_HASH_SEED + 8),
            v.s32le(S_HASH_SEED + 12)},
        (v.u32le(S_FLAGS) & FLAGS_UNSIGNED_HASH) != 0);
  }

  /**
   * metadata_csum: the superblock's crc32c (seed ~0, not inverted at the end, i.e. the
   * complement of the standard CRC-32C) over the bytes before s_checksum. Cheap, and the kernel
   * refuses to mount on a mismatch too.
   */
  private static void checkCrc(ByteView v, String p) throws CorruptDataException {
    if (v.u8(S_CHECKSUM_TYPE) != CHECKSUM_TYPE_CRC32C) {
      throw v.corrupt("checksum type " + v.u8(S_CHECKSUM_TYPE) + " is not crc32c");
    }
    CRC32C crc = new CRC32C();
    crc.update(v.bytes(0, S_CHECKSUM));
    long want = ~crc.getValue() & 0xffffffffL;
    long got = v.u32le(S_CHECKSUM);
    if (want != got) {
      throw new CorruptDataException(
          p + ": checksum 0x" + Long.toHexString(got) + " at byte 0x"
              + Long.toHexString(OFFSET + S_CHECKSUM) + ", computed 0x" + Long.toHexString(want));
    }
  }
}
