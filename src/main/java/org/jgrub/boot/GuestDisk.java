package org.jgrub.boot;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Discovery;
import org.jgrub.config.Menu;
import org.jgrub.image.Images;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.JgrubException;
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
  private final DeviceMap map;
  private final VolumeScan scan;

  private GuestDisk(BlockDevice image, VolumeScan scan) {
    this.image = image;
    this.scan = scan;
    this.map = new DeviceMap(scan.volumes());
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
      return new GuestDisk(image, scan);
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
    GuestDisk d = new GuestDisk(vdevs.get(0), new VolumeScan("zfs", List.of(v), List.of()));
    d.map.preset(v, fs);
    d.extra = vdevs.subList(1, vdevs.size());
    return d;
  }

  private List<BlockDevice> extra = List.of();

  /** Applies pygrub's {@code zfs-bootfs=POOL/DATASET} from --args, before anything is probed. */
  public void useZfsDatasetFrom(String args) {
    String d = ZfsBoot.requested(args);
    if (d != null) {
      map.setZfsDataset(d);
    }
  }

  public DeviceMap devices() {
    return map;
  }

  /** Finds and parses the guest's configuration. */
  public LoadedConfig loadConfig(Log log) throws IOException {
    List<List<String>> failures = new ArrayList<>();
    List<List<String>> tried = new ArrayList<>();
    for (int i = 0; i < scan.volumes().size(); i++) {
      tried.add(new ArrayList<>());
      failures.add(new ArrayList<>());
    }
    for (int pass = 0; pass < 2; pass++) {
      List<Discovery.Candidate> candidates =
          pass == 0 ? Discovery.PYGRUB_ORDER : Discovery.BEYOND_PYGRUB;
      for (int i = 0; i < scan.volumes().size(); i++) {
        Volume v = scan.volumes().get(i);
        Probed p = map.probe(v);
        if (p.fs().isEmpty()) {
          continue;
        }
        Optional<Discovery.Found> found;
        try {
          found = Discovery.find(map, v.grubName(), candidates, tried.get(i));
        } catch (JgrubException e) {
          Budget.current().rethrow();
          failures.get(i).add(e.getMessage());
          continue;
        }
        if (found.isEmpty()) {
          found = findInSubvolume(v, p, candidates, tried.get(i), log);
        }
        if (found.isEmpty()) {
          continue;
        }
        Discovery.Found f = found.get();
        log.info("using " + f.file().path() + " (" + f.format().name() + ") on " + p.describe());
        map.setConfigDevice(v.grubName());
        try {
          ConfigParser parser = f.format().parser();
          Menu menu = parser.parse(f.file(), map);
          for (var w : menu.warnings()) {
            log.info("warning: " + w);
          }
          if (menu.items().isEmpty()) {
            failures.get(i).add(f.file().path() + " has no menu entries");
            continue;
          }
          return new LoadedConfig(menu, p);
        } catch (JgrubException e) {
          Budget.current().rethrow();
          failures.get(i).add(f.file().path() + ": " + e.getMessage());
        }
      }
    }
    throw new NotFoundException(noConfigMessage(failures, tried, log));
  }

  /** btrfs: the configuration may live in a subvolume rather than the top level. */
  private Optional<Discovery.Found> findInSubvolume(
      Volume v, Probed p, List<Discovery.Candidate> candidates, List<String> tried, Log log)
      throws IOException {
    for (org.jgrub.fs.GuestFs view : BtrfsBoot.views(p.fs().get())) {
      map.preset(v, view);
      Optional<Discovery.Found> f = Discovery.find(map, v.grubName(), candidates, tried);
      if (f.isPresent()) {
        log.info(v.description() + ": reading the btrfs volume through subvolume "
            + ((org.jgrub.fs.btrfs.BtrfsFs) view).rootSubvolumeId());
        return f;
      }
    }
    map.preset(v, p.fs().get());
    return Optional.empty();
  }

  private String noConfigMessage(List<List<String>> failures, List<List<String>> tried, Log log)
      throws IOException {
    StringBuilder sb = new StringBuilder("no bootloader configuration found; tried ");
    for (int i = 0; i < scan.volumes().size(); i++) {
      Volume v = scan.volumes().get(i);
      Probed p = map.probe(v);
      if (i > 0) {
        sb.append("; ");
      }
      if (p.fs().isEmpty()) {
        sb.append(v.description()).append(": ").append(p.failure());
      } else if (!failures.get(i).isEmpty()) {
        sb.append(p.describe()).append(": ").append(String.join("; ", failures.get(i)));
      } else {
        sb.append(p.describe()).append(": none of the known configuration files");
      }
      for (String t : tried.get(i)) {
        log.debug(p.describe() + ": " + t);
      }
    }
    // Why the partition table was not used (a refused GPT, a looping EBR chain) is often the
    // real cause: the last line must say it, not only the info lines before it.
    if (!scan.notes().isEmpty()) {
      sb.append("; partition table: ").append(String.join("; ", scan.notes()));
    }
    return sb.toString();
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
