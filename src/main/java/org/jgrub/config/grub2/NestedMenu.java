package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Submenu;

/**
 * {@code configfile} inside a menu entry: GRUB shows the file's menu when the entry is chosen, and
 * that menu's default entry boots after its timeout. openSUSE's snapshot entries work so (the
 * snapper plugin's {@code configfile "$2/boot/grub2/grub.cfg"}, with {@code btrfs_subvol} naming
 * the snapshot): the entry boots the kernel and initrd of the snapshot's own default entry. The
 * file runs in a new context holding the entry's exported variables (and the btrfs variables,
 * which GRUB's btrfs module exports), within the include depth; an entry whose file has no
 * bootable default stays one that boots nothing itself.
 */
final class NestedMenu {
  private static final String[] BTRFS = {"btrfs_subvol", "btrfs_subvolid", "btrfs_relative_path"};

  private NestedMenu() {}

  static void open(Interp in, List<String> argv, int line) {
    EntryRecorder rec = in.rec;
    rec.other = true; // unless the file's default entry loads a kernel
    if (argv.size() < 2) {
      return;
    }
    if (in.includeDepth >= in.limits.includeDepth) {
      in.warn(line, "configfile " + argv.get(1) + ": files included deeper than "
          + in.limits.includeDepth + " levels; not read");
      return;
    }
    Optional<String> text = in.readText(argv.get(1), line);
    if (text.isEmpty()) {
      in.warn(line, "configfile: " + argv.get(1) + " not found");
      return;
    }
    Scope outerScope = in.scope;
    MenuContext next = new MenuContext(Scope.exportedFrom(outerScope));
    for (String v : BTRFS) {
      String value = outerScope.get(v);
      if (value != null) {
        next.scope.set(v, value);
        next.scope.export(v);
      }
    }
    MenuContext outer = in.ctx;
    List<String> outerParams = in.params;
    String outerFile = in.file;
    in.rec = null;
    in.ctx = next;
    in.scope = next.scope;
    in.params = List.of();
    Commands.setConfigPath(in, argv.get(1));
    in.includeDepth++;
    List<MenuItem> items;
    try {
      in.runText(text.get(), argv.get(1));
      in.signal = Interp.NONE;
      items = MenuBuilder.build(in, next.effective(), 0, "");
    } finally {
      in.includeDepth--;
      in.signal = Interp.NONE;
      in.rec = rec;
      in.ctx = outer;
      in.scope = outerScope;
      in.params = outerParams;
      in.file = outerFile;
    }
    String dflt = next.effective().scope.get("default");
    Entry e = pick(items, snapshotHelpShift(items, dflt == null ? "" : Text.display(dflt)));
    if (e == null || (e.kind() != Entry.Kind.LINUX && e.kind() != Entry.Kind.MULTIBOOT)) {
      in.warn(line, "configfile " + argv.get(1) + ": its default entry boots no kernel");
      return;
    }
    rec.loader(e.kind(), Text.latin1View(e.kernel()), Text.latin1View(e.args()),
        e.root().map(Text::latin1View).orElse(null));
    List<String> initrds = new ArrayList<>();
    for (String i : e.initrds()) {
      initrds.add(Text.latin1View(i));
    }
    rec.initrds = initrds;
    rec.other = false;
  }

  /**
   * openSUSE's menu.c workaround (grub2-btrfs-08, bsc#956046): when a snapshot's menu starts with
   * the entry "Help on bootable snapshot #N" (00_header adds it while $extra_cmdline is set) or
   * the submenu "Bootable snapshot #N", a numeric default below the last entry is moved one down,
   * past it; an unset default is entry 1.
   */
  static String snapshotHelpShift(List<MenuItem> items, String spec) {
    if (items.size() < 2) {
      return spec;
    }
    MenuItem first = items.get(0);
    boolean help = first instanceof Entry x && x.title().startsWith("Help on bootable snapshot")
        || first instanceof Submenu s && s.title().startsWith("Bootable snapshot");
    if (!help) {
      return spec;
    }
    if (spec.isEmpty()) {
      return "1";
    }
    if (spec.matches("[0-9]{1,9}") && Integer.parseInt(spec) < items.size() - 1) {
      return Integer.toString(Integer.parseInt(spec) + 1);
    }
    return spec;
  }

  /**
   * The entry {@code spec} names as GRUB reads $default: a number, an id or a title, a '>' path
   * through submenus; the first entry when it names none.
   */
  static Entry pick(List<MenuItem> items, String spec) {
    List<MenuItem> level = items;
    Entry found = null;
    String[] parts = spec.isEmpty() ? new String[] {"0"} : spec.split(">", 16);
    for (String part : parts) {
      MenuItem hit = null;
      if (part.matches("[0-9]{1,9}")) {
        int n = Integer.parseInt(part);
        hit = n < level.size() ? level.get(n) : null;
      } else {
        for (MenuItem m : level) {
          if (m instanceof Entry x && (x.id().equals(part) || x.title().equals(part))
              || m instanceof Submenu s && (s.id().equals(part) || s.title().equals(part))) {
            hit = m;
            break;
          }
        }
      }
      if (hit instanceof Submenu s) {
        level = s.items();
      } else if (hit instanceof Entry x) {
        found = x;
        break;
      } else {
        break;
      }
    }
    if (found == null) {
      for (MenuItem m : items) {
        if (m instanceof Entry x) {
          return x;
        }
      }
    }
    return found;
  }
}
