package org.jgrub.fs.fat;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The exFAT main boot sector (Microsoft exFAT specification, section 3.1) with its layout checks:
 * sector and cluster shifts in range, the FATs large enough, the cluster heap after them and
 * inside the volume, the root directory cluster valid.
 */
record ExFatBoot(
    int bytesPerSectorShift,
    int sectorsPerClusterShift,
    long fatOffset,
    long fatBytes,
    long dataOffset,
    long clusterCount,
    long rootCluster,
    long serial)
    implements Geometry {

  /** The backup boot region starts at sector 12 (section 3). */
  static final int BACKUP_SECTOR = 12;

  private static final int MUST_BE_ZERO = 11;
  private static final int MUST_BE_ZERO_LEN = 53;
  private static final int VOLUME_LENGTH = 72;
  private static final int FAT_OFFSET = 80;
  private static final int FAT_LENGTH = 84;
  private static final int CLUSTER_HEAP_OFFSET = 88;
  private static final int CLUSTER_COUNT = 92;
  private static final int FIRST_CLUSTER_OF_ROOT = 96;
  private static final int VOLUME_SERIAL = 100;
  private static final int FS_REVISION = 104;
  private static final int VOLUME_FLAGS = 106;
  private static final int BYTES_PER_SECTOR_SHIFT = 108;
  private static final int SECTORS_PER_CLUSTER_SHIFT = 109;
  private static final int NUMBER_OF_FATS = 110;
  private static final int ACTIVE_FAT = 0x01;
  /** The largest cluster count the specification allows (section 3.1.9). */
  private static final long MAX_CLUSTERS = 0xFFFFFFF5L;
  /** exFAT clusters are at most 32 MiB (section 3.1.15). */
  private static final int MAX_CLUSTER_SHIFT = 25;

  static ExFatBoot parse(ByteView s) throws CorruptDataException, UnsupportedFeatureException {
    if (!s.isZero(MUST_BE_ZERO, MUST_BE_ZERO_LEN)) {
      throw s.corrupt("exFAT MustBeZero field (bytes 11-63) is not zero");
    }
    int rev = s.u16le(FS_REVISION);
    if (rev >> 8 != 1) {
      throw new UnsupportedFeatureException(
          "exfat: file system revision " + (rev >> 8) + "." + (rev & 0xff) + " (only 1.x)");
    }
    int bps = s.u8(BYTES_PER_SECTOR_SHIFT);
    int spc = s.u8(SECTORS_PER_CLUSTER_SHIFT);
    int fats = s.u8(NUMBER_OF_FATS);
    if (bps < 9 || bps > 12 || spc > MAX_CLUSTER_SHIFT - bps || fats < 1 || fats > 2) {
      throw s.corrupt("exFAT sector shift " + bps + ", cluster shift " + spc + " or FAT count "
          + fats + " out of range");
    }
    long volumeSectors = s.u64le(VOLUME_LENGTH);
    long fatOff = s.u32le(FAT_OFFSET);
    long fatLen = s.u32le(FAT_LENGTH);
    long heap = s.u32le(CLUSTER_HEAP_OFFSET);
    long count = s.u32le(CLUSTER_COUNT);
    long root = s.u32le(FIRST_CLUSTER_OF_ROOT);
    if (count == 0 || count > MAX_CLUSTERS) {
      throw s.corrupt("exFAT cluster count " + count + " out of range");
    }
    if (fatLen * (1L << bps) < (count + 2) * 4) {
      throw s.corrupt("exFAT FAT of " + fatLen + " sectors cannot map " + count + " clusters");
    }
    if (fatOff == 0 || heap < fatOff + fatLen * fats) {
      throw s.corrupt("exFAT cluster heap at sector " + heap + " overlaps the FATs");
    }
    if (volumeSectors < 0 || heap + (count << spc) > volumeSectors) {
      throw s.corrupt("exFAT cluster heap ends past the volume length " + volumeSectors);
    }
    if (root < 2 || root > count + 1) {
      throw s.corrupt("exFAT root directory cluster " + root + " outside 2.." + (count + 1));
    }
    // With two FATs, VolumeFlags.ActiveFat says which one is current (section 3.1.13.1).
    long activeFat = fats == 2 && (s.u16le(VOLUME_FLAGS) & ACTIVE_FAT) != 0 ? 1 : 0;
    return new ExFatBoot(
        bps,
        spc,
        (fatOff + activeFat * fatLen) << bps,
        fatLen << bps,
        heap << bps,
        count,
        root,
        s.u32le(VOLUME_SERIAL));
  }

  @Override
  public FatTable.Width width() {
    return FatTable.Width.EXFAT;
  }

  @Override
  public long clusterBytes() {
    return 1L << (bytesPerSectorShift + sectorsPerClusterShift);
  }

  @Override
  public String fsName() {
    return "exfat";
  }
}
