package org.jgrub.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrub.config.DeviceName;
import org.jgrub.config.DevicePath;
import org.jgrub.config.Discovery;
import org.jgrub.config.Warning;
import org.jgrub.config.grub2.Grub2Format;
import org.jgrub.config.grub2.PrefixScript;
import org.jgrub.grubcore.BiosCore;
import org.jgrub.grubcore.Embedded;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.JgrubException;
import org.jgrub.io.Limits;
import org.jgrub.volume.Volume;

/**
 * Where the GRUB installed on the guest disk looks for its configuration: {@code $prefix/grub.cfg},
 * the prefix being what grub-install embedded in the core image ({@code (,msdos1)/@rootfs/boot/grub};
 * a device left empty before the comma is the disk GRUB booted from, here hd0; a prefix without
 * a device, as in Debian's signed EFI image, is on the device GRUB was loaded from), with the
 * embedded configuration run first as GRUB's kernel runs it ({@code search.fs_uuid UUID root}
 * then {@code set prefix=($root)'/boot/grub'}, as util/grub-install.c writes load.cfg), by the
 * GRUB 2 interpreter. BIOS installs come first (the boot sector's core image), then EFI installs
 * (the GRUB image on the EFI system partition, {@link EfiGrub}). On the ESP, a {@code
 * $prefix/grub.cfg} that sets another prefix (the stub grub-install --uefi-secure-boot writes
 * beside the signed image) is run and its prefix followed, as GRUB ends up reading the new
 * {@code $prefix/grub.cfg}. A damaged image, or a prefix naming a device or folder the disk
 * lacks, is a warning: the disk is then searched as if no GRUB were installed.
 */
final class InstalledGrub {
  /** The most stub configurations followed from one image (Debian, Ubuntu, Fedora write one). */
  static final int MAX_STUBS = 8;

  private InstalledGrub() {}

  /** The places the installed GRUBs read their configuration from, BIOS first. */
  static List<ConfigSearch.Place> places(BlockDevice disk, DeviceMap map, Log log, Limits limits)
      throws IOException {
    List<ConfigSearch.Place> out = new ArrayList<>();
    bios(disk, map, log, limits).ifPresent(out::add);
    efi(map, log, limits).ifPresent(out::add);
    return out;
  }

  private static Optional<ConfigSearch.Place> bios(
      BlockDevice disk, DeviceMap map, Log log, Limits limits) throws IOException {
    Optional<Embedded> e;
    try {
      e = BiosCore.read(disk);
    } catch (JgrubException ex) {
      map.bounds().budget().rethrow();
      log.info("warning: the disk's GRUB core image is unreadable (" + ex.getMessage()
          + "); searching the volumes instead");
      return Optional.empty();
    }
    if (e.isEmpty()) {
      log.debug("no GRUB 2 boot sector");
      return Optional.empty();
    }
    String prefix = run(e.get(), "hd0", map, log, limits);
    return at(map, e.get().where(), prefix, log);
  }

  private static Optional<ConfigSearch.Place> efi(DeviceMap map, Log log, Limits limits)
      throws IOException {
    Optional<EfiGrub.Found> f = EfiGrub.find(map, log);
    if (f.isEmpty()) {
      log.debug("no GRUB EFI image on an EFI system partition");
      return Optional.empty();
    }
    Embedded g = f.get().embedded();
    String esp = f.get().esp().volume().grubName();
    String prefix = run(g, esp, map, log, limits);
    Set<String> seen = new HashSet<>();
    for (int hop = 0; ; hop++) {
      if (!seen.add(prefix) || hop >= MAX_STUBS) {
        log.info("warning: " + g.where() + ": the grub.cfg files under its prefix set prefixes in a"
            + " loop (" + String.join(", ", seen) + "); searching the volumes instead");
        return Optional.empty();
      }
      String next = stub(map, g.where(), prefix, log, limits);
      if (next == null) {
        return at(map, g.where(), prefix, log);
      }
      prefix = next;
    }
  }

  /**
   * The prefix after the image's embedded configuration ran; the image's own prefix, with the
   * boot device filled in, when it has none.
   */
  private static String run(Embedded g, String bootDevice, DeviceMap map, Log log, Limits limits)
      throws IOException {
    String prefix = g.prefix().orElse("");
    log.debug(g.where() + ": prefix " + g.prefix().orElse("(none)")
        + (g.config().isPresent() ? ", embedded configuration: " + g.config().get().strip() : ""));
    if (g.config().isEmpty()) {
      return prefix.startsWith("/") ? withDevice(prefix, bootDevice) : prefix;
    }
    PrefixScript.Result r = PrefixScript.run(g.config().get().getBytes(StandardCharsets.ISO_8859_1),
        g.where() + " embedded configuration", map, bootDevice, withDevice(prefix, bootDevice), limits);
    warnings(g.where(), r.warnings(), log);
    return withDevice(r.prefix(), bootDevice);
  }

  /**
   * Runs {@code $prefix/grub.cfg} when it only sets another prefix; that prefix, or null when the
   * file is missing or does not change the prefix (it is then the configuration itself).
   */
  private static String stub(DeviceMap map, String where, String prefix, Log log, Limits limits)
      throws IOException {
    String full = withDevice(prefix, "hd0");
    DevicePath dp = DevicePath.split(full);
    if (dp.device() == null) {
      return null;
    }
    String path = (dp.path().endsWith("/") ? dp.path() : dp.path() + "/") + "grub.cfg";
    Optional<byte[]> text;
    try {
      text = map.read(dp.device(), path, limits.configFileBytes + 1);
    } catch (JgrubException ex) {
      map.bounds().budget().rethrow();
      return null; // the place reports it
    }
    if (text.isEmpty() || text.get().length > limits.configFileBytes
        || Grub2Format.INSTANCE.readsLike(new String(text.get(), StandardCharsets.ISO_8859_1))) {
      return null;
    }
    PrefixScript.Result r = PrefixScript.run(text.get(), full + "/grub.cfg", map, dp.device(),
        full, limits);
    warnings(where, r.warnings(), log);
    String next = withDevice(r.prefix(), dp.device());
    if (next.equals(full)) {
      return null;
    }
    log.debug(where + ": " + prefix + "/grub.cfg sets the prefix " + next);
    return next;
  }

  /**
   * What went wrong in a script: a search that found nothing is a warning (the prefix then names
   * the wrong device); the rest is for --debug (a signed image's {@code normal (memdisk)/grub.cfg}
   * names its memdisk, which is not read).
   */
  private static void warnings(String where, List<Warning> ws, Log log) {
    for (Warning w : ws) {
      if (w.message().startsWith("search")) {
        log.info("warning: " + where + ": " + w); // the prefix then names the wrong device
      } else {
        log.debug(where + ": " + w);
      }
    }
  }

  /** {@code (,gpt2)/x} on disk hd0, {@code /EFI/debian} on the device GRUB was loaded from. */
  static String withDevice(String prefix, String bootDevice) {
    if (prefix.startsWith("(,")) {
      return "(hd0" + prefix.substring(1);
    }
    if (prefix.startsWith("/")) {
      return "(" + bootDevice + ")" + prefix;
    }
    return prefix;
  }

  /** The place {@code prefix/grub.cfg}; empty, with a warning, when the prefix names nothing. */
  private static Optional<ConfigSearch.Place> at(DeviceMap map, String where, String prefix, Log log)
      throws IOException {
    DevicePath dp = DevicePath.split(prefix);
    if (dp.device() == null) {
      log.info("warning: " + where + ": prefix " + prefix
          + " names no device; searching the volumes instead");
      return Optional.empty();
    }
    String dev = dp.device().startsWith(",") ? "hd0" + dp.device() : dp.device();
    Volume v;
    try {
      v = map.volume(DeviceName.parse(dev), dev);
    } catch (JgrubException ex) {
      map.bounds().budget().rethrow();
      log.info("warning: " + where + ": prefix " + prefix + ": " + ex.getMessage()
          + "; searching the volumes instead");
      return Optional.empty();
    }
    Probed p = map.probe(v);
    if (p.fs().isEmpty()) {
      log.info("warning: " + where + ": prefix " + prefix + " is on " + p.describe()
          + ", which has no filesystem jgrub reads (" + p.failure() + "); searching the volumes instead");
      return Optional.empty();
    }
    String dir = dp.path().endsWith("/") ? dp.path() : dp.path() + "/";
    return Optional.of(new ConfigSearch.Place(
        p, "through GRUB's prefix " + prefix,
        List.of(new Discovery.Candidate(dir + "grub.cfg", Grub2Format.INSTANCE))));
  }
}
