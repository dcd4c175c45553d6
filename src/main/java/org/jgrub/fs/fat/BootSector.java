package org.jgrub.fs.fat;

import java.nio.charset.StandardCharsets;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The FAT boot sector and BIOS parameter block (Microsoft "FAT: General Overview of On-Disk
 * Format" 1.03, section 3), with the derived layout: FAT type by cluster count, region offsets.
 */
record BootSector(
    FatType type,
    int bytesPerSector,
    int sectorsPerCluster,
    long reservedSectors,
    int fatCount,
    long fatSectors,
    int rootEntries,
    long totalSectors,
    long clusterCount,
    long rootCluster,
    long serial,
    boolean hasSerial,
    String bootLabel)
    implements Geometry {

  /** The three FAT variants, told apart only by the count of data clusters (section 3.5). */
  enum FatType {
    FAT12,
    FAT16,
    FAT32
  }

  static final int SECTOR_BYTES = 512;
  /** FAT32 keeps a copy of the boot sector here (section 3.3, BPB_BkBootSec "recommended 6"). */
  static final int BACKUP_SECTOR = 6;

  private static final int BS_JMP = 0;
  private static final int BS_OEM = 3;
  private static final int BPB_BYTS_PER_SEC = 11;
  private static final int BPB_SEC_PER_CLUS = 13;
  private static final int BPB_RSVD_SEC_CNT = 14;
  private static final int BPB_NUM_FATS = 16;
  private static final int BPB_ROOT_ENT_CNT = 17;
  private static final int BPB_TOT_SEC16 = 19;
  private static final int BPB_MEDIA = 21;
  private static final int BPB_FAT_SZ16 = 22;
  private static final int BPB_TOT_SEC32 = 32;
  private static final int BPB_FAT_SZ32 = 36;
  private static final int BPB_FS_VER = 42;
  private static final int BPB_ROOT_CLUS = 44;
  /** Extended boot record: at 36 on FAT12/16, at 64 on FAT32 (sections 3.2 and 3.3). */
  private static final int EBR16 = 36;
  private static final int EBR32 = 64;
  private static final int EBR_BOOT_SIG = 2;
  private static final int EBR_VOL_ID = 3;
  private static final int EBR_VOL_LAB = 7;
  private static final int EXTENDED_BOOT_SIGNATURE = 0x29;
  private static final long FAT12_MAX_CLUSTERS = 4084;
  private static final long FAT16_MAX_CLUSTERS = 65524;
  /** The largest cluster number FAT32 can store is 0x0FFFFFF6 (section 4). */
  private static final long FAT32_MAX_CLUSTERS = 0x0FFFFFF5L;
  private static final int MAX_CLUSTER_BYTES = 64 * 1024;

  @Override
  public FatTable.Width width() {
    return switch (type) {
      case FAT12 -> FatTable.Width.FAT12;
      case FAT16 -> FatTable.Width.FAT16;
      case FAT32 -> FatTable.Width.FAT32;
    };
  }

  @Override
  public String fsName() {
    return "vfat";
  }

  @Override
  public long clusterBytes() {
    return (long) bytesPerSector * sectorsPerCluster;
  }

  @Override
  public long fatOffset() {
    return reservedSectors * bytesPerSector;
  }

  @Override
  public long fatBytes() {
    return fatSectors * bytesPerSector;
  }

  long rootDirOffset() {
    return (reservedSectors + fatCount * fatSectors) * bytesPerSector;
  }

  long rootDirBytes() {
    return (long) rootEntries * FatDirectory.ENTRY_BYTES;
  }

  @Override
  public long dataOffset() {
    return rootDirOffset() + rootDirSectors() * bytesPerSector;
  }

  private long rootDirSectors() {
    return (rootDirBytes() + bytesPerSector - 1) / bytesPerSector;
  }

  /**
   * Whether the sector looks like a FAT boot sector at all: an x86 jump and plausible BPB basics.
   * Anything else is "not FAT" (an MBR, another filesystem), not corruption.
   */
  static boolean plausible(ByteView s) throws CorruptDataException {
    int j = s.u8(BS_JMP);
    if (!(j == 0xEB && s.u8(BS_JMP + 2) == 0x90) && j != 0xE9) {
      return false;
    }
    int bps = s.u16le(BPB_BYTS_PER_SEC);
    int spc = s.u8(BPB_SEC_PER_CLUS);
    int media = s.u8(BPB_MEDIA);
    return (bps == 512 || bps == 1024 || bps == 2048 || bps == 4096)
        && spc != 0
        && (spc & (spc - 1)) == 0
        && s.u16le(BPB_RSVD_SEC_CNT) != 0
        && s.u8(BPB_NUM_FATS) != 0
        && (media == 0xF0 || media >= 0xF8);
  }

  static boolean isExfat(ByteView s) throws CorruptDataException {
    return s.string(BS_OEM, 8, StandardCharsets.US_ASCII).equals("EXFAT   ");
  }

  /** Parses a plausible boot sector and checks its derived layout (section 3.5). */
  static BootSector parse(ByteView s) throws CorruptDataException, UnsupportedFeatureException {
    int bps = s.u16le(BPB_BYTS_PER_SEC);
    int spc = s.u8(BPB_SEC_PER_CLUS);
    if ((long) bps * spc > MAX_CLUSTER_BYTES) {
      throw s.corrupt("cluster size " + (long) bps * spc + " bytes exceeds 64 KiB");
    }
    long rsvd = s.u16le(BPB_RSVD_SEC_CNT);
    int nfats = s.u8(BPB_NUM_FATS);
    int rootEnt = s.u16le(BPB_ROOT_ENT_CNT);
    long fatSz16 = s.u16le(BPB_FAT_SZ16);
    long fatSz = fatSz16 != 0 ? fatSz16 : s.u32le(BPB_FAT_SZ32);
    long tot16 = s.u16le(BPB_TOT_SEC16);
    long tot = tot16 != 0 ? tot16 : s.u32le(BPB_TOT_SEC32);
    if (fatSz == 0 || tot == 0) {
      throw s.corrupt("FAT size " + fatSz + " or total sectors " + tot + " is zero");
    }
    long rootSectors = ((long) rootEnt * FatDirectory.ENTRY_BYTES + bps - 1) / bps;
    long meta = rsvd + nfats * fatSz + rootSectors;
    if (meta >= tot) {
      throw s.corrupt("metadata (" + meta + " sectors) fills the volume (" + tot + " sectors)");
    }
    long clusters = (tot - meta) / spc;
    FatType type =
        clusters <= FAT12_MAX_CLUSTERS
            ? FatType.FAT12
            : clusters <= FAT16_MAX_CLUSTERS ? FatType.FAT16 : FatType.FAT32;
    if (clusters > FAT32_MAX_CLUSTERS) {
      throw s.corrupt(clusters + " clusters is more than FAT32 can address");
    }
    long fatBytes = fatSz * bps;
    long entriesInFat =
        switch (type) {
          case FAT12 -> fatBytes * 2 / 3;
          case FAT16 -> fatBytes / 2;
          case FAT32 -> fatBytes / 4;
        };
    if (entriesInFat < clusters + 2) {
      throw s.corrupt(
          type + " FAT of " + fatSz + " sectors cannot map " + clusters + " clusters");
    }
    long rootClus = 0;
    int ebr = EBR16;
    if (type == FatType.FAT32) {
      if (rootEnt != 0 || fatSz16 != 0) {
        throw s.corrupt("FAT32 volume with a FAT12/16 root directory or FAT size field");
      }
      int ver = s.u16le(BPB_FS_VER);
      if (ver != 0) {
        throw new UnsupportedFeatureException(
            "vfat: FAT32 version " + (ver >> 8) + "." + (ver & 0xff) + " (only 0.0 exists)");
      }
      rootClus = s.u32le(BPB_ROOT_CLUS);
      if (rootClus < 2 || rootClus > clusters + 1) {
        throw s.corrupt("FAT32 root cluster " + rootClus + " outside 2.." + (clusters + 1));
      }
      ebr = EBR32;
    } else if (rootEnt == 0) {
      throw s.corrupt(type + " volume without root directory entries");
    }
    boolean sig = s.u8(ebr + EBR_BOOT_SIG) == EXTENDED_BOOT_SIGNATURE;
    long serial = sig ? s.u32le(ebr + EBR_VOL_ID) : 0;
    String label = sig ? s.string(ebr + EBR_VOL_LAB, 11, StandardCharsets.ISO_8859_1) : "";
    return new BootSector(
        type, bps, spc, rsvd, nfats, fatSz, rootEnt, tot, clusters, rootClus, serial, sig, label);
  }
}
