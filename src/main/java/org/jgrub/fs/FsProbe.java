package org.jgrub.fs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;

/**
 * The ordered list of filesystem drivers and the probe over them. Order: filesystems with a strong
 * magic at a fixed place first; FAT last, because its boot sector has no magic of its own and its
 * BPB checks are heuristics.
 */
public final class FsProbe {
  private FsProbe() {}

  private static final List<FsDriver> DRIVERS = new ArrayList<>();

  static {
    // One line per filesystem.
    DRIVERS.add(new org.jgrub.fs.ext.ExtDriver());
    DRIVERS.add(new org.jgrub.fs.xfs.XfsDriver());
    DRIVERS.add(new org.jgrub.fs.btrfs.BtrfsDriver());
    DRIVERS.add(new org.jgrub.fs.reiserfs.ReiserDriver());
    DRIVERS.add(new org.jgrub.fs.ufs.UfsDriver());
    DRIVERS.add(new org.jgrub.fs.zfs.ZfsDriver());
    DRIVERS.add(new org.jgrub.fs.squashfs.SquashDriver()); // "hsqs" at 0
    DRIVERS.add(new org.jgrub.fs.iso9660.IsoDriver()); // "CD001" at 32 KiB
    DRIVERS.add(new org.jgrub.fs.fat.FatDriver()); // last: no magic, only BPB heuristics
  }

  public static List<FsDriver> drivers() {
    return List.copyOf(DRIVERS);
  }

  /**
   * A filesystem spread over several devices, in any order: a ZFS pool given device by device
   * (--zfs-vdev), opened at dataset {@code dataset} ("rpool/ROOT/debian") or, when null, at its
   * bootfs.
   */
  public static GuestFs pool(List<BlockDevice> devices, String dataset, Bounds bounds)
      throws IOException {
    org.jgrub.fs.zfs.ZfsPool pool = org.jgrub.fs.zfs.ZfsPool.open(devices, bounds);
    return dataset == null ? pool.open() : pool.open(dataset);
  }

  /**
   * The filesystem on {@code dev}, or empty when no driver recognises it. A driver that recognises
   * the volume but finds it broken throws, and that error is the answer for this volume.
   */
  public static Optional<GuestFs> probe(BlockDevice dev, Bounds bounds) throws IOException {
    for (FsDriver d : DRIVERS) {
      Optional<GuestFs> fs = d.probe(dev, bounds);
      if (fs.isPresent()) {
        return fs;
      }
    }
    return Optional.empty();
  }
}
