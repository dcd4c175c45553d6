package org.jgrub.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.io.NotFoundException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The last stages of the pipeline: choose an entry and locate its kernel and initrds. {@link
 * Extractor} then copies them out.
 */
public final class Bootloader {
  private Bootloader() {}

  /** The entry --entry names, or the config's default. */
  public static Entry choose(LoadedConfig cfg, Optional<String> entrySpec, Log log)
      throws NotFoundException {
    return EntryFinder.find(cfg.menu(), entrySpec.orElse(null), log);
  }

  /** Locates what booting {@code e} needs (its kernel and initrds) and its arguments. */
  public static BootPlan plan(GuestDisk disk, LoadedConfig cfg, Entry e, BootRequest r, Log log)
      throws IOException {
    if (e.kind() != Entry.Kind.LINUX && e.kind() != Entry.Kind.UKI) {
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
    BootFile kernel = BootPaths.resolve(cfg.files(), cfg.menu(), e, e.kernel(), cfg.volume(), log);
    List<BootFile> initrds = new ArrayList<>();
    if (e.kind() == Entry.Kind.UKI) {
      List<BootFile> parts = UkiBoot.parts(UkiBoot.read(kernel, UkiBoot.profile(e)));
      kernel = parts.get(0);
      initrds.addAll(parts.subList(1, parts.size()));
    }
    for (String i : e.initrds()) {
      initrds.add(BootPaths.resolve(cfg.files(), cfg.menu(), e, i, cfg.volume(), log));
    }
    if (e.kind() == Entry.Kind.UKI) {
      log.info("entry '" + e.title() + "' is a unified kernel image: the kernel is its .linux"
          + " section, the ramdisk its .ucode and .initrd sections in that order, as systemd-stub"
          + " passes them");
    } else if (initrds.size() > 1) {
      log.info(
          "entry '" + e.title() + "' has " + initrds.size()
              + " initrds; they are concatenated in order into one ramdisk, as GRUB's Linux loader"
              + " does");
    }
    String args = e.args();
    if (!r.extraArgs().isEmpty()) {
      args = args + " " + r.extraArgs();
    }
    return new BootPlan(kernel, initrds, ZfsBoot.bootArgs(kernel, args), Optional.of(e));
  }

  /** Locates --kernel (and --ramdisk) on the first volume that has it; no config is read. */
  public static BootPlan direct(GuestDisk disk, BootRequest r) throws IOException {
    String k = r.kernel().orElseThrow();
    Probed p = disk.volumeWith(k);
    BootFile kernel = BootPaths.resolveOn(p, k);
    List<BootFile> initrds = new ArrayList<>();
    String args = r.extraArgs();
    if (UkiBoot.isUnified(kernel)) {
      // --kernel names a unified kernel image: boot what systemd-stub would (profile 0).
      UkiBoot.Read uki = UkiBoot.read(kernel, 0);
      List<BootFile> parts = UkiBoot.parts(uki);
      kernel = parts.get(0);
      initrds.addAll(parts.subList(1, parts.size()));
      String cmdline = uki.uki().cmdline();
      args = cmdline.isEmpty() ? args : args.isEmpty() ? cmdline : cmdline + " " + args;
    }
    if (r.ramdisk().isPresent()) {
      initrds.add(BootPaths.resolveOn(p, r.ramdisk().get()));
    }
    return new BootPlan(kernel, initrds, ZfsBoot.bootArgs(kernel, args), Optional.empty());
  }
}
