package org.jgrub.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jgrub.fs.FsProbe;
import org.jgrub.fs.GuestFs;
import org.jgrub.image.Images;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.NotFoundException;
import org.jgrub.volume.Volume;
import org.jgrub.volume.VolumeScan;
import org.jgrub.volume.VolumeScanner;

/**
 * An opened guest disk: the image, its volumes (scanned or at --offset) and the device map over
 * them. Finds the bootloader configuration: pygrub's list over every volume first, then the
 * places pygrub never looks; the first volume with a config that parses wins, and every failure on
 * the way is kept for the final message.
 */
public final class GuestDisk implements Closeable {
  private final BlockDevice image;
  private final VolumeScan scan;
  private final List<BlockDevice> extra;
  /**
   * Whether {@code image} is the guest's whole disk, whose boot sector may load an installed GRUB
   * (not with --offset, which names a filesystem, nor for a ZFS pool over several devices).
   */
  private final boolean wholeDisk;
  private final DeviceMap map;

  private GuestDisk(
      BlockDevice image, VolumeScan scan, DeviceMap map, List<BlockDevice> extra, boolean wholeDisk) {
    this.image = image;
    this.wholeDisk = wholeDisk;
    this.scan = scan;
    this.map = map;
    this.extra = extra;
  }

  /** Opens the disk image at {@code disk} (no backing files) within {@code bounds}. */
  public static GuestDisk open(Path disk, Optional<Long> offset, Bounds bounds, Log log)
      throws IOException {
    return open(Images.open(disk, Optional.empty(), bounds.limits()), offset, "", bounds, log);
  }

  /**
   * Opens an image already open (a descriptor handed over by a privileged parent): its volumes
   * (scanned, or the one at {@code offset}), with pygrub's {@code zfs-bootfs=POOL/DATASET} from
   * {@code args} choosing the dataset a ZFS volume opens at.
   */
  public static GuestDisk open(
      BlockDevice image, Optional<Long> offset, String args, Bounds bounds, Log log)
      throws IOException {
    return open(image, List.of(), offset, args, bounds, log);
  }

  /**
   * {@link #open(BlockDevice, Optional, String, Bounds, Log)} with the guest's other disks
   * ({@code mdDisks}, from --md-member) lending their MD members to the arrays; every device is
   * closed with the disk, or here if opening fails.
   */
  public static GuestDisk open(
      BlockDevice image, List<BlockDevice> mdDisks, Optional<Long> offset, String args,
      Bounds bounds, Log log) throws IOException {
    try {
      VolumeScan scan =
          offset.isPresent()
              ? VolumeScanner.atOffset(image, offset.get())
              : VolumeScanner.scan(image, mdDisks, bounds);
      for (String n : scan.notes()) {
        log.info(n);
      }
      DeviceMap map = new DeviceMap(scan.volumes(), ZfsBoot.requested(args), bounds);
      return new GuestDisk(image, scan, map, List.copyOf(mdDisks), offset.isEmpty());
    } catch (IOException | RuntimeException e) {
      image.close();
      for (BlockDevice d : mdDisks) {
        d.close();
      }
      throw e;
    }
  }

  /**
   * A ZFS pool over several devices (--zfs-vdev): the whole pool is one volume, "hd0", opened at
   * its bootfs dataset or at {@code zfs-bootfs=} from {@code args}.
   */
  public static GuestDisk openZfsPool(
      List<BlockDevice> vdevs, String args, Bounds bounds, Log log) throws IOException {
    GuestFs fs = FsProbe.pool(vdevs, ZfsBoot.requested(args), bounds);
    Volume v = new Volume("hd0", "ZFS pool over " + vdevs.size() + " devices", vdevs.get(0));
    VolumeScan scan = new VolumeScan("zfs", List.of(v), List.of());
    return new GuestDisk(
        vdevs.get(0), scan, DeviceMap.withFilesystem(scan.volumes(), v, fs, bounds),
        vdevs.subList(1, vdevs.size()), false);
  }

  /** The disk's volumes, before any configuration is read (for --kernel). */
  public DeviceMap devices() {
    return map;
  }

  /** Finds and parses the guest's configuration. */
  public LoadedConfig loadConfig(Log log) throws IOException {
    List<ConfigSearch.Place> first = new java.util.ArrayList<>();
    if (wholeDisk) {
      first.addAll(InstalledGrub.places(image, map, log, map.bounds().limits()));
      first.addAll(EspBoot.places(map, log));
    }
    ConfigSearch.Result r = ConfigSearch.run(map, first, log);
    return ConfigSearch.require(r, map, scan.notes(), log);
  }

  /** The first volume holding a filesystem on which {@code path} exists (for --kernel). */
  public Probed volumeWith(String path) throws IOException {
    StringBuilder tried = new StringBuilder();
    for (Volume v : scan.volumes()) {
      Probed p = map.probe(v);
      if (p.fs().isPresent()) {
        try {
          GuestPaths.resolve(p.fs().get(), path);
          return p;
        } catch (NotFoundException e) {
          // Try the next volume.
        }
      }
      tried.append(tried.length() == 0 ? "" : "; ").append(p.describe());
      if (p.fs().isEmpty()) {
        tried.append(": ").append(p.failure());
      }
    }
    throw new NotFoundException(path + " not found on any volume (tried " + tried + ")");
  }

  @Override
  public void close() throws IOException {
    image.close();
    for (BlockDevice d : extra) {
      d.close();
    }
  }
}
