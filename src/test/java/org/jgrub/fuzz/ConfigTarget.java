package org.jgrub.fuzz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Discovery;
import org.jgrub.config.grub2.MapFiles;
import org.jgrub.config.Menu;
import org.jgrub.io.JgrubException;

/**
 * The config fuzz target. The input is split at NUL bytes into files of an in-memory guest: part 0
 * is the config (for BLS, loader.conf), part 1 the GRUB environment block, part 2 a config that
 * GRUB scripts may {@code source} (/boot/grub/custom.cfg), and the rest Boot Loader Specification
 * entries. The property: parse returns a menu (whose default is then chosen) or throws a {@link
 * JgrubException}.
 */
final class ConfigTarget {
  static final String DEVICE = "hd0,msdos1";
  private static final int MAX_PARTS = 8;

  private ConfigTarget() {}

  /** Where each format's config lives, as Discovery finds it. */
  static String configPath(String format) {
    switch (format) {
      case "grub2":
        return "/boot/grub/grub.cfg";
      case "grub1":
        return "/boot/grub/menu.lst";
      case "syslinux":
        return "/boot/extlinux/extlinux.conf";
      case "lilo":
        return "/etc/lilo.conf";
      case "bls":
        return "/loader/entries";
      default:
        throw new IllegalArgumentException(format);
    }
  }

  static List<byte[]> split(byte[] input) {
    List<byte[]> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < input.length && parts.size() < MAX_PARTS - 1; i++) {
      if (input[i] == 0) {
        parts.add(Arrays.copyOfRange(input, start, i));
        start = i + 1;
      }
    }
    parts.add(Arrays.copyOfRange(input, start, input.length));
    return parts;
  }

  /** The in-memory guest holding the parts; the config itself is part 0. */
  static MapFiles guest(String format, List<byte[]> parts) {
    MapFiles files = new MapFiles(DEVICE);
    if (format.equals("bls")) {
      files.put(DEVICE, "/loader/loader.conf", parts.get(0));
    } else {
      files.put(DEVICE, configPath(format), parts.get(0));
    }
    if (parts.size() > 1) {
      files.put(DEVICE, "/boot/grub/grubenv", parts.get(1));
    }
    if (parts.size() > 2) {
      files.put(DEVICE, "/boot/grub/custom.cfg", parts.get(2));
    }
    for (int i = 3; i < parts.size(); i++) {
      files.put(DEVICE, "/loader/entries/e" + i + ".conf", parts.get(i));
    }
    if (format.equals("bls") && parts.size() <= 3) {
      files.put(DEVICE, "/loader/entries/e.conf", parts.get(parts.size() - 1));
    }
    files.put(DEVICE, "/boot/vmlinuz", new byte[] {1});
    return files;
  }

  static Menu parse(String format, byte[] config, MapFiles files) throws IOException {
    return Discovery.parser(format)
        .parse(new ConfigFile(DEVICE, configPath(format), config), files);
  }

  static void run(String format, byte[] input) throws IOException {
    FuzzBudget.run(b -> runBudgeted(format, input, b));
  }

  private static void runBudgeted(String format, byte[] input, org.jgrub.io.Budget budget)
      throws IOException {
    List<byte[]> parts = split(input);
    MapFiles files =
        guest(format, parts)
            .withBounds(new org.jgrub.io.Bounds(org.jgrub.io.Limits.DEFAULT, budget));
    try {
      Menu m = parse(format, parts.get(0), files);
      m.flatEntries();
      DefaultChooser.choose(m);
    } catch (JgrubException e) {
      // The property allows jgrub's own exceptions.
    }
  }
}
