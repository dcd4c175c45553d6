package org.jgrub.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jgrub.image.Images;
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
  /** Replaced, never changed, when --args names a ZFS dataset (before anything is probed). */
  private DeviceMap map;

  private GuestDisk(
      BlockDevice image, VolumeScan scan, DeviceMap map, List<BlockDevice> extra, boolean wholeDisk) {
    this.image = image;
    this.wholeDisk = wholeDisk;
    this.scan = scan;
    this.map = map;
    this.extra = extra;
  }

  public static GuestDisk open(Path disk, Optional<Long> offset, Log log) throws IOException {
    return open(Images.open(disk, Optional.empty()), offset, log);
  }

  /** Opens an image already open (a descriptor handed over by a privileged parent). */
  public static GuestDisk open(BlockDevice image, Optional<Long> offset, Log log) throws IOException {
    try {
      VolumeScan scan =
          offset.isPresent()
              ? VolumeScanner.atOffset(image, offset.get())
              : VolumeScanner.scan(image);
      for (String n : scan.notes()) {
        log.info(n);
      }
      return new GuestDisk(
          image, scan, new DeviceMap(scan.volumes()), List.of(), offset.isEmpty());
    } catch (IOException | RuntimeException e) {
      image.close();
      throw e;
    }
  }

  /**
   * A ZFS pool over several devices (--zfs-vdev): the whole pool is one volume, "hd0", opened at
   * its bootfs dataset or at {@code zfs-bootfs=} from {@code args}.
   */
  public static GuestDisk openZfsPool(List<BlockDevice> vdevs, String args, Log log)
      throws IOException {
    org.jgrub.fs.zfs.ZfsPool pool = org.jgrub.fs.zfs.ZfsPool.open(vdevs);
    String ds = ZfsBoot.requested(args);
    org.jgrub.fs.GuestFs fs = ds == null ? pool.open() : pool.open(ds);
    Volume v = new Volume("hd0", "ZFS pool over " + vdevs.size() + " devices", vdevs.get(0));
    VolumeScan scan = new VolumeScan("zfs", List.of(v), List.of());
    return new GuestDisk(
        vdevs.get(0), scan, DeviceMap.withFilesystem(scan.volumes(), v, fs),
        vdevs.subList(1, vdevs.size()), false);
  }

  /** Applies pygrub's {@code zfs-bootfs=POOL/DATASET} from --args, before anything is probed. */
  public void useZfsDatasetFrom(String args) {
    String d = ZfsBoot.requested(args);
    if (d != null) {
      map = new DeviceMap(scan.volumes(), d);
    }
  }

  /** The disk's volumes, before any configuration is read (for --kernel). */
  public DeviceMap devices() {
    return map;
  }

  /** Finds and parses the guest's configuration. */
  public LoadedConfig loadConfig(Log log) throws IOException {
    List<ConfigSearch.Place> first = new java.util.ArrayList<>();
    if (wholeDisk) {
      first.addAll(InstalledGrub.places(image, map, log));
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
