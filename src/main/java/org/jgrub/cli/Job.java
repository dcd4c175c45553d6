package org.jgrub.cli;

import java.io.IOException;
import org.jgrub.boot.BootPlan;
import org.jgrub.boot.BootRequest;
import org.jgrub.boot.Bootloader;
import org.jgrub.boot.GuestDisk;
import org.jgrub.boot.LoadedConfig;
import org.jgrub.config.Entry;
import org.jgrub.io.Bounds;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Budget;
import org.jgrub.io.BudgetedDevice;

/**
 * The part of a run that parses guest bytes: open the disk, find the config, choose, locate the
 * files. Runs in the sandboxed child under --runas, in-process otherwise.
 */
final class Job {
  private Job() {}

  /**
   * Either text to print (-l) or a plan to boot. The plan reads from the disk, which stays open
   * until the outcome is closed.
   */
  record Outcome(String text, BootPlan plan, GuestDisk disk) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      disk.close();
    }
  }

  static Outcome run(Options o, BlockDevice raw, Bounds bounds, Main.StderrLog log)
      throws IOException {
    // Every byte the run reads from the guest is charged to its budget.
    Budget budget = bounds.budget();
    BlockDevice image = new BudgetedDevice(raw, budget);
    BootRequest r =
        new BootRequest(
            o.disk, o.offset, o.entry, o.kernel, o.ramdisk, o.args, o.notReally,
            o.outputDirectory);
    GuestDisk disk;
    if (!o.mdMembers.isEmpty()) {
      disk = GuestDisk.open(image, mdMembers(o, bounds), o.offset, o.args, bounds, log);
    } else if (o.zfsVdevs.isEmpty()) {
      disk = GuestDisk.open(image, o.offset, o.args, bounds, log);
    } else {
      java.util.List<BlockDevice> vdevs = new java.util.ArrayList<>();
      vdevs.add(image);
      try {
        for (java.nio.file.Path p : o.zfsVdevs) {
          vdevs.add(new BudgetedDevice(org.jgrub.image.Images.open(p, o.backingDir, bounds.limits()), budget));
        }
        disk = GuestDisk.openZfsPool(vdevs, o.args, bounds, log);
      } catch (IOException | RuntimeException ex) {
        for (BlockDevice d : vdevs) {
          d.close();
        }
        throw ex;
      }
    }
    try {
      if (o.kernel.isPresent() && !o.list) {
        return new Outcome(null, Bootloader.direct(disk, r), disk);
      }
      LoadedConfig cfg = disk.loadConfig(log);
      if (o.list) {
        return new Outcome(o.json ? MenuJson.list(cfg) : Listing.of(cfg.menu()), null, disk);
      }
      Entry e = null;
      if (o.interactive) {
        if (Console.usable()) {
          e = ConsoleMenu.choose(cfg, disk, log);
        } else if (o.interactiveAsked) {
          log.info("no menu: " + Console.why() + "; booting the default entry");
        }
      }
      if (e == null) {
        e = Bootloader.choose(cfg, o.entry, log);
      }
      log.info("booting '" + e.title() + "'");
      return new Outcome(null, Bootloader.plan(disk, cfg, e, r, log), disk);
    } catch (IOException | RuntimeException ex) {
      disk.close();
      throw ex;
    }
  }
  /**
   * The --md-member disks, each opened as the disk is (content-detected image format, the run's
   * limits) and charged to the run's budget; all closed again if one cannot be opened.
   */
  private static java.util.List<BlockDevice> mdMembers(Options o, Bounds bounds)
      throws IOException {
    java.util.List<BlockDevice> out = new java.util.ArrayList<>();
    try {
      for (java.nio.file.Path p : o.mdMembers) {
        out.add(new BudgetedDevice(
            org.jgrub.image.Images.open(p, o.backingDir, bounds.limits()), bounds.budget()));
      }
      return out;
    } catch (IOException | RuntimeException ex) {
      for (BlockDevice d : out) {
        d.close();
      }
      throw ex;
    }
  }
}
