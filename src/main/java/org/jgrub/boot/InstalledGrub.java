package org.jgrub.boot;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrub.config.DeviceName;
import org.jgrub.config.DevicePath;
import org.jgrub.config.Discovery;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.grub2.Grub2Format;
import org.jgrub.grubcore.BiosCore;
import org.jgrub.grubcore.Embedded;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.JgrubException;
import org.jgrub.volume.Volume;

/**
 * Where the GRUB installed on the guest disk looks for its configuration: {@code $prefix/grub.cfg},
 * the prefix being what grub-install embedded in the core image ({@code (,msdos1)/@rootfs/boot/grub};
 * a device left empty before the comma is the disk GRUB booted from, here hd0), with the embedded
 * configuration run first as GRUB's kernel runs it ({@code search.fs_uuid UUID root} then {@code
 * set prefix=($root)'/boot/grub'}, as util/grub-install.c writes load.cfg). A damaged core image,
 * or a prefix naming a device or folder the disk lacks, is a warning: the disk is then searched
 * as if no GRUB were installed.
 */
final class InstalledGrub {
  /** The most lines of an embedded configuration run (grub-install writes two or three). */
  static final int MAX_LINES = 64;

  private InstalledGrub() {}

  /** The place the installed GRUB reads its configuration from; empty when there is none. */
  static List<ConfigSearch.Place> places(BlockDevice disk, DeviceMap map, Log log)
      throws IOException {
    Optional<Embedded> e;
    try {
      e = BiosCore.read(disk);
    } catch (JgrubException ex) {
      map.bounds().budget().rethrow();
      log.info("warning: the disk's GRUB core image is unreadable (" + ex.getMessage()
          + "); searching the volumes instead");
      return List.of();
    }
    if (e.isEmpty()) {
      log.debug("no GRUB 2 boot sector: searching the volumes");
      return List.of();
    }
    Embedded g = e.get();
    log.debug(g.where() + ": prefix " + g.prefix().orElse("(none)")
        + (g.config().isPresent() ? ", embedded configuration: " + g.config().get().strip() : ""));
    String prefix = run(g, map, log);
    if (prefix == null) {
      return List.of();
    }
    DevicePath dp = DevicePath.split(prefix);
    if (dp.device() == null) {
      log.info("warning: " + g.where() + ": prefix " + prefix
          + " names no device; searching the volumes instead");
      return List.of();
    }
    String dev = dp.device().startsWith(",") ? "hd0" + dp.device() : dp.device();
    Volume v;
    try {
      v = map.volume(DeviceName.parse(dev), dev);
    } catch (JgrubException ex) {
      map.bounds().budget().rethrow();
      log.info("warning: " + g.where() + ": prefix " + prefix + ": " + ex.getMessage()
          + "; searching the volumes instead");
      return List.of();
    }
    Probed p = map.probe(v);
    if (p.fs().isEmpty()) {
      log.info("warning: " + g.where() + ": prefix " + prefix + " is on " + p.describe()
          + ", which has no filesystem jgrub reads (" + p.failure() + "); searching the volumes instead");
      return List.of();
    }
    String dir = dp.path().endsWith("/") ? dp.path() : dp.path() + "/";
    return List.of(new ConfigSearch.Place(
        p, "through GRUB's prefix " + prefix,
        List.of(new Discovery.Candidate(dir + "grub.cfg", Grub2Format.INSTANCE))));
  }

  /**
   * The prefix after the embedded configuration ran: its {@code search.fs_uuid}, {@code
   * search.fs_label} and {@code search.file} set variables, {@code set prefix=} and {@code set
   * root=} assign with {@code ($root)} expanded. Null (with a warning) when a search finds nothing.
   */
  private static String run(Embedded g, DeviceMap map, Log log) throws IOException {
    Map<String, String> vars = new HashMap<>();
    String prefix = g.prefix().orElse("");
    if (g.config().isEmpty()) {
      return prefix;
    }
    String[] lines = g.config().get().split("\n", MAX_LINES + 1);
    for (int i = 0; i < lines.length && i < MAX_LINES; i++) {
      String[] w = lines[i].strip().split("[ \t]+");
      if (w.length >= 3 && w[0].startsWith("search.")) {
        GuestFiles.SearchBy by =
            switch (w[0]) {
              case "search.fs_uuid" -> GuestFiles.SearchBy.FS_UUID;
              case "search.fs_label" -> GuestFiles.SearchBy.LABEL;
              case "search.file" -> GuestFiles.SearchBy.FILE;
              default -> null;
            };
        if (by == null) {
          continue;
        }
        Optional<String> found = map.search(by, w[1]);
        if (found.isEmpty()) {
          log.info("warning: " + g.where() + ": its configuration's '" + lines[i].strip()
              + "' finds no volume; searching the volumes instead");
          return null;
        }
        vars.put(w[2], found.get());
      } else if (w.length == 2 && w[0].equals("set") && w[1].indexOf('=') > 0) {
        int eq = w[1].indexOf('=');
        String value = expand(w[1].substring(eq + 1), vars);
        String name = w[1].substring(0, eq);
        if (name.equals("prefix")) {
          prefix = value;
        } else {
          vars.put(name, value);
        }
      }
    }
    return prefix;
  }

  /** {@code ($root)'/boot/grub'}: variables in parentheses replaced, quotes removed. */
  private static String expand(String s, Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'' || c == '"') {
        continue;
      }
      if (c == '$') {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        out.append(vars.getOrDefault(s.substring(i + 1, j), ""));
        i = j - 1;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }
}
