package org.jgrub.boot;

import java.util.List;
import org.jgrub.config.DefaultChooser;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Selection;
import org.jgrub.io.NotFoundException;

/**
 * Picks the entry for {@code --entry}, or the config's default. A number is an index into the
 * entries as {@code -l} lists them (pygrub's numbering, submenus flattened); a value with '>' is a
 * GRUB 2 path through submenus; anything else is matched against titles, then ids. Like pygrub, a
 * value that names nothing boots the default — but jgrub says so.
 */
final class EntryFinder {
  private EntryFinder() {}

  static Entry find(Menu menu, String spec, Log log) throws NotFoundException {
    if (spec == null) {
      Selection s = DefaultChooser.choose(menu);
      for (String n : s.notes()) {
        log.info(n);
      }
      return s.entry();
    }
    List<Entry> flat = menu.flatEntries();
    String t = spec.trim();
    if (isInt(t)) {
      long i = Long.parseLong(t);
      if (i >= 0 && i < flat.size()) {
        return flat.get((int) i);
      }
    } else if (t.indexOf('>') >= 0) {
      Selection s = DefaultChooser.choose(menu, t);
      if (s.notes().isEmpty()) {
        return s.entry();
      }
    } else {
      for (Entry e : flat) {
        if (e.title().equals(spec)) {
          return e;
        }
      }
      for (Entry e : flat) {
        if (!e.id().isEmpty() && e.id().equals(t)) {
          return e;
        }
      }
    }
    log.info("--entry=" + spec + " names no entry (there are " + flat.size()
        + "); booting the default, as pygrub does");
    return find(menu, null, log);
  }

  private static boolean isInt(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    int start = s.charAt(0) == '-' ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
