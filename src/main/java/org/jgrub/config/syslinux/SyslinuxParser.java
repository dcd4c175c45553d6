package org.jgrub.config.syslinux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jgrub.config.ConfigFile;
import org.jgrub.config.ConfigParser;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.GuestPath;
import org.jgrub.config.text.ParseContext;

/**
 * syslinux, extlinux and isolinux configurations, read as syslinux 6's ldlinux reads them:
 * case-insensitive keywords, LABEL stanzas, MENU LABEL titles, INCLUDE and MENU INCLUDE, MENU
 * BEGIN submenus, TIMEOUT in tenths of a second, DEFAULT naming a label, ONTIMEOUT deciding what
 * boots when nobody presses a key, and paths relative to the config file's directory.
 */
public final class SyslinuxParser implements ConfigParser {
  @Override
  public String format() {
    return SyslinuxFormat.INSTANCE.name();
  }

  @Override
  public Menu parse(ConfigFile file, GuestFiles files) throws IOException {
    ParseContext ctx = new ParseContext(files.bounds().limits(), files);
    String text = ctx.text(file.path(), file.content());
    SyslinuxReader r = new SyslinuxReader(ctx, file.device(), GuestPath.dirname(file.path()),
        new ArrayList<>(), new HashMap<>(), 0);
    r.readMain(file.path(), text);

    String defaultWord = r.globalDefault == null ? "" : ConfigText.firstWord(r.globalDefault);
    // Old configs name the menu module in DEFAULT ("DEFAULT menu.c32"): that is a UI line.
    boolean ui = r.ui || defaultWord.toLowerCase(Locale.ROOT).endsWith(".c32");
    if (r.root.items.isEmpty() && r.globalDefault != null && !ui && !defaultWord.isEmpty()) {
      implicitEntry(r, ctx, file.path());
    }
    String spec = defaultSpec(r, ctx, file.path(), defaultWord, ui);

    int timeout = r.timeoutTenths <= 0 ? -1 : (int) ((r.timeoutTenths + 9L) / 10);
    boolean hidden = r.menuHidden;
    if (!ui && r.prompt == 0 && r.globalDefault != null) {
      // No menu module and PROMPT 0: syslinux boots the default at once unless Shift is held.
      timeout = 0;
      hidden = true;
    }
    return new Menu(SyslinuxFormat.INSTANCE, file.path(), r.items(), spec, Optional.empty(), timeout, hidden,
        r.master, ctx.warnings());
  }

  /**
   * What boots when the timeout runs out: ONTIMEOUT if it names a label (or repeats a stanza's
   * command line), else DEFAULT if it names one (syslinux 6 applies DEFAULT after MENU DEFAULT),
   * else the root menu's MENU DEFAULT.
   */
  private static String defaultSpec(SyslinuxReader r, ParseContext ctx, String path,
      String defaultWord, boolean ui) {
    if (r.onTimeout != null) {
      String found = r.root.find(ConfigText.firstWord(r.onTimeout));
      if (found == null) {
        // "ONTIMEOUT kernel args": the stanza with that very command line is what boots.
        String label = r.labelByCmdline.get(ConfigText.strip(r.onTimeout));
        found = label == null ? null : r.root.find(label);
      }
      if (found != null) {
        return found;
      }
      ctx.warn(path, 0, "ONTIMEOUT '" + SyslinuxReader.cut(r.onTimeout)
          + "' names no label in the menu; using DEFAULT");
    }
    if (!defaultWord.isEmpty()) {
      String found = r.root.find(defaultWord);
      if (found != null) {
        return found;
      }
      if (!ui) {
        ctx.warn(path, r.defaultLine, "DEFAULT '" + SyslinuxReader.cut(defaultWord)
            + "' names no label in the menu");
      }
    }
    if (r.root.defaultIndex >= 0) {
      return Integer.toString(r.root.defaultIndex);
    }
    return "";
  }

  /** "DEFAULT vmlinuz root=..." with no LABEL at all: syslinux boots that command line. */
  private static void implicitEntry(SyslinuxReader r, ParseContext ctx, String path)
      throws IOException {
    SyslinuxLabel l = new SyslinuxLabel(ConfigText.firstWord(r.globalDefault), path, r.defaultLine);
    String rest = ConfigText.afterFirstWord(r.globalDefault);
    if (!rest.isEmpty()) {
      // Arguments on the DEFAULT line replace the global APPEND (new_linux_kernel).
      l.append = rest;
    }
    if (ctx.takeEntry(path, r.defaultLine)) {
      Object item = SyslinuxEntries.build(l, r);
      if (item instanceof Entry e) {
        r.root.items.add(e);
      }
    }
  }
}
