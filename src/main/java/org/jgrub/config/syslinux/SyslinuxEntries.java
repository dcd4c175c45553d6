package org.jgrub.config.syslinux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.MenuItem;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.GuestPath;

/**
 * Turns a finished stanza into a menu item. The command line is built as syslinux's
 * {@code record()} builds it (kernel, then the stanza's APPEND or else the global one, then
 * " initrd=" and the INITRD value), and then read as the chosen loader reads it.
 */
final class SyslinuxEntries {
  private SyslinuxEntries() {}

  /** The stanza's command line, as syslinux's {@code record()} composes it. */
  static String cmdline(SyslinuxLabel l, SyslinuxReader r) {
    String a = l.append != null ? l.append : r.globalAppend;
    if (a == null || a.equals("-")) {
      a = "";
    }
    StringBuilder cmd = new StringBuilder(l.kernel);
    if (!a.isEmpty()) {
      cmd.append(' ').append(a);
    }
    if (l.initrd != null) {
      cmd.append(" initrd=").append(l.initrd);
    }
    return r.ctx.bound(cmd.toString(), l.file, l.line, "command line");
  }

  static MenuItem build(SyslinuxLabel l, SyslinuxReader r) throws IOException {
    String line = cmdline(l, r);
    String file = ConfigText.firstWord(line);
    String args = ConfigText.afterFirstWord(line);
    if (file.isEmpty() && l.type != SyslinuxLabel.Type.LOCALBOOT) {
      r.ctx.warn(l.file, l.line, "LABEL " + SyslinuxReader.cut(l.label) + " names no file; skipped");
      return null;
    }
    SyslinuxLabel.Type type = l.type == SyslinuxLabel.Type.KERNEL
        ? SyslinuxLabel.byExtension(file) : l.type;
    String path = GuestPath.resolve(r.cwd, file);
    switch (type) {
      case LINUX -> {
        SyslinuxCmdline.Linux lx = SyslinuxCmdline.linux(args, r.cwd);
        if (lx.initrdWords() > 1) {
          r.ctx.warn(l.file, l.line, "LABEL " + SyslinuxReader.cut(l.label)
              + " has several initrd= words; syslinux loads only the first list");
        }
        return entry(l, path, lx.initrds(), lx.args(), Entry.Kind.LINUX);
      }
      case COM32 -> {
        if (GuestPath.basename(file).equalsIgnoreCase("mboot.c32")) {
          return mboot(l, r, args);
        }
        return SyslinuxReader.other(l, path, args);
      }
      case CONFIG -> {
        String dir = ConfigText.firstWord(ConfigText.afterFirstWord(l.kernel));
        return r.configSubmenu(l, file, dir);
      }
      case LOCALBOOT -> {
        return SyslinuxReader.other(l, "", args);
      }
      default -> {
        return SyslinuxReader.other(l, path, args);
      }
    }
  }

  /**
   * {@code KERNEL mboot.c32} / {@code APPEND xen.gz ARGS --- vmlinuz ARGS --- initrd}: the entry
   * carries the Linux kernel Xen would start (the first module), its arguments and the later
   * modules, as pygrub reads it; the hypervisor stays in the stanza's lines.
   */
  private static Entry mboot(SyslinuxLabel l, SyslinuxReader r, String args) {
    List<String> parts = SyslinuxCmdline.mbootParts(args);
    String main = parts.size() >= 2 ? parts.get(1) : parts.get(0);
    List<String> initrds = new ArrayList<>();
    for (int i = 2; i < parts.size(); i++) {
      String m = ConfigText.firstWord(parts.get(i));
      if (!m.isEmpty()) {
        initrds.add(GuestPath.resolve(r.cwd, m));
      }
    }
    String k = ConfigText.firstWord(main);
    return entry(l, k.isEmpty() ? "" : GuestPath.resolve(r.cwd, k), initrds,
        ConfigText.afterFirstWord(main), Entry.Kind.MULTIBOOT);
  }

  private static Entry entry(SyslinuxLabel l, String kernel, List<String> initrds, String args,
      Entry.Kind kind) {
    return new Entry(l.title(), l.label, List.of(), kernel, initrds, args, Optional.empty(), kind,
        Optional.empty(), l.passwd == null, new ArrayList<>(l.lines));
  }
}
