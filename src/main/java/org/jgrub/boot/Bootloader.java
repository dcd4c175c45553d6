package org.jgrub.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The last stages of the pipeline: choose an entry, locate its kernel and initrds, copy them out
 * (or, with -n, only check that they exist) and say what to boot.
 */
public final class Bootloader {
  private Bootloader() {}

  /** The entry --entry names, or the config's default. */
  public static Entry choose(LoadedConfig cfg, Optional<String> entrySpec, Log log)
      throws NotFoundException {
    return EntryFinder.find(cfg.menu(), entrySpec.orElse(null), log);
  }

  /** Boots {@code e} from the loaded configuration. */
  public static BootResult boot(GuestDisk disk, LoadedConfig cfg, Entry e, BootRequest r, Log log)
      throws IOException {
    if (e.kind() != Entry.Kind.LINUX) {
      throw new UnsupportedFeatureException(
          "entry '" + e.title() + "' "
              + (e.kind() == Entry.Kind.MULTIBOOT
                  ? "loads a multiboot kernel with modules (a hypervisor), which a PV guest cannot boot"
                  : "does not load a Linux-style kernel (chainloader or similar)")
              + "; choose another entry with --entry");
    }
    if (e.kernel() == null || e.kernel().isEmpty()) {
      throw new NotFoundException("entry '" + e.title() + "' names no kernel");
    }
    BootFile kernel = BootPaths.resolve(disk.devices(), cfg.menu(), e, e.kernel(), cfg.volume(), log);
    List<BootFile> initrds = new ArrayList<>();
    for (String i : e.initrds()) {
      initrds.add(BootPaths.resolve(disk.devices(), cfg.menu(), e, i, cfg.volume(), log));
    }
    if (initrds.size() > 1) {
      log.info(
          "entry '" + e.title() + "' has " + initrds.size()
              + " initrds; they are concatenated in order into one ramdisk, as GRUB's Linux loader"
              + " does");
    }
    String args = e.args();
    if (!r.extraArgs().isEmpty()) {
      args = args + " " + r.extraArgs();
    }
    return extract(kernel, initrds, args, Optional.of(e), r);
  }

  /** Boots --kernel (and --ramdisk) from the first volume that has it; no config is read. */
  public static BootResult direct(GuestDisk disk, BootRequest r) throws IOException {
    String k = r.kernel().orElseThrow();
    Probed p = disk.volumeWith(k);
    BootFile kernel = BootPaths.resolveOn(p, k);
    List<BootFile> initrds = new ArrayList<>();
    if (r.ramdisk().isPresent()) {
      initrds.add(BootPaths.resolveOn(p, r.ramdisk().get()));
    }
    return extract(kernel, initrds, r.extraArgs(), Optional.empty(), r);
  }

  private static BootResult extract(
      BootFile kernel, List<BootFile> initrds, String args, Optional<Entry> e, BootRequest r)
      throws IOException {
    if (r.notReally()) {
      Optional<String> rd = Optional.empty();
      if (!initrds.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        for (BootFile f : initrds) {
          sb.append(sb.length() == 0 ? "" : " ").append(f.guestPath());
        }
        rd = Optional.of(sb.toString());
      }
      return new BootResult(kernel.guestPath(), rd, args, e);
    }
    try (Extractor x = new Extractor(r.outputDirectory())) {
      Path k = x.create("boot_kernel");
      x.append(kernel.fs(), kernel.volume().volume().device(), kernel.node(), "kernel " + kernel.describe(), k, 0);
      Optional<String> rd = Optional.empty();
      if (!initrds.isEmpty()) {
        Path p = x.create("boot_ramdisk");
        long total = 0;
        for (BootFile f : initrds) {
          total = x.append(f.fs(), f.volume().volume().device(), f.node(), "initrd " + f.describe(), p, total);
        }
        rd = Optional.of(p.toString());
      }
      x.keep();
      return new BootResult(k.toString(), rd, args, e);
    }
  }
}
