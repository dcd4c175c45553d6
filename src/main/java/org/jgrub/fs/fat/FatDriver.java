package org.jgrub.fs.fat;

import java.io.IOException;
import java.util.Optional;
import org.jgrub.fs.FsDriver;
import org.jgrub.fs.GuestFs;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * Recognises FAT12/16/32 and exFAT. FAT has no magic of its own, so "mine" means an x86 jump plus
 * a plausible BPB; when the primary boot sector fails that, the FAT32 backup in sector 6 is tried.
 * exFAT names itself ("EXFAT   " at byte 3); its backup boot sector is sector 12.
 */
public final class FatDriver implements FsDriver {
  @Override
  public String name() {
    return "vfat";
  }

  /** Opens exFAT from its main boot sector, or from the backup at sector 12 when that is broken. */
  private static GuestFs exfat(BlockDevice dev, ByteView main, Bounds bounds) throws IOException {
    try {
      return new ExFatFs(dev, ExFatBoot.parse(main), bounds);
    } catch (CorruptDataException e) {
      ByteView backup =
          ByteView.read(
              dev,
              (long) ExFatBoot.BACKUP_SECTOR * BootSector.SECTOR_BYTES,
              BootSector.SECTOR_BYTES,
              "exfat backup boot sector");
      if (!BootSector.isExfat(backup)) {
        throw e;
      }
      ExFatBoot b;
      try {
        b = ExFatBoot.parse(backup);
      } catch (CorruptDataException ignored) {
        throw e;
      }
      return new ExFatFs(dev, b, bounds);
    }
  }

  @Override
  public Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    if (dev.size() < BootSector.SECTOR_BYTES * (BootSector.BACKUP_SECTOR + 1L)) {
      return Optional.empty();
    }
    ByteView primary = ByteView.read(dev, 0, BootSector.SECTOR_BYTES, "vfat boot sector");
    if (BootSector.isExfat(primary)) {
      return Optional.of(exfat(dev, primary, bounds));
    }
    CorruptDataException primaryError = null;
    if (BootSector.plausible(primary)) {
      try {
        return Optional.of(new FatFs(dev, BootSector.parse(primary), bounds));
      } catch (CorruptDataException e) {
        primaryError = e;
      }
    }
    // The primary is damaged or absent: a FAT32 volume keeps a backup (spec section 3.3).
    ByteView backup =
        ByteView.read(
            dev,
            (long) BootSector.BACKUP_SECTOR * BootSector.SECTOR_BYTES,
            BootSector.SECTOR_BYTES,
            "vfat backup boot sector");
    if (BootSector.plausible(backup)) {
      BootSector bs;
      try {
        bs = BootSector.parse(backup);
      } catch (CorruptDataException e) {
        bs = null;
      }
      if (bs != null && bs.type() == BootSector.FatType.FAT32) {
        return Optional.of(new FatFs(dev, bs, bounds));
      }
    }
    if (primaryError != null) {
      throw primaryError;
    }
    return Optional.empty();
  }
}
