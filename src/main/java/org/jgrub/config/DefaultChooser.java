package org.jgrub.config;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.io.NotFoundException;

/**
 * Chooses an entry the way GRUB 2 reads its {@code default} variable (normal/menu.c): a number
 * indexes the top level (submenus count as one item); otherwise each {@code >}-separated component
 * is matched against ids first, then titles. A default that names a submenu enters it and takes its
 * first item, as GRUB does when the timeout expires on a submenu. A default that matches nothing
 * falls back to the first entry, with a note.
 */
public final class DefaultChooser {
  private DefaultChooser() {}

  public static Selection choose(Menu menu) throws NotFoundException {
    return choose(menu, menu.defaultSpec());
  }

  /** Chooses by a GRUB default spec ("", "2", "Debian GNU/Linux", "gnulinux-advanced-x>1"). */
  public static Selection choose(Menu menu, String spec) throws NotFoundException {
    if (menu.items().isEmpty()) {
      throw new NotFoundException(menu.source() + ": the menu has no entries");
    }
    List<String> notes = new ArrayList<>();
    List<Integer> path = new ArrayList<>();
    MenuItem it = null;
    String s = spec == null ? "" : spec.trim();
    if (!s.isEmpty()) {
      List<MenuItem> level = menu.items();
      for (String part : splitPath(s)) {
        int idx = level == null ? -1 : find(level, part);
        if (idx < 0) {
          notes.add("default entry '" + s + "' does not exist; using the first entry");
          path.clear();
          it = null;
          break;
        }
        path.add(idx);
        it = level.get(idx);
        level = it instanceof Submenu sm ? sm.items() : null;
      }
    }
    if (it == null) {
      path.add(0);
      it = menu.items().get(0);
    } else if (it instanceof Submenu) {
      notes.add("the default '" + s + "' is a submenu; using its first entry");
    }
    while (it instanceof Submenu sm) {
      if (sm.items().isEmpty() || path.size() > 1000) {
        throw new NotFoundException(menu.source() + ": submenu '" + sm.title() + "' is empty");
      }
      path.add(0);
      it = sm.items().get(0);
    }
    return new Selection(path, (Entry) it, notes);
  }

  /** Splits a GRUB default path at '>'; GRUB writes a '>' inside a title or id as ">>". */
  static List<String> splitPath(String spec) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '>' && i + 1 < spec.length() && spec.charAt(i + 1) == '>') {
        cur.append('>');
        i++;
      } else if (c == '>') {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  /** The entry at a GRUB index path, or null when the path does not name an entry. */
  public static Entry entryAt(Menu menu, List<Integer> path) {
    List<MenuItem> level = menu.items();
    MenuItem it = null;
    for (int idx : path) {
      if (level == null || idx < 0 || idx >= level.size()) {
        return null;
      }
      it = level.get(idx);
      level = it instanceof Submenu sm ? sm.items() : null;
    }
    return it instanceof Entry e ? e : null;
  }

  private static int find(List<MenuItem> level, String part) {
    if (isNumber(part)) {
      long n = Long.parseLong(part);
      return n < level.size() ? (int) n : -1;
    }
    for (int i = 0; i < level.size(); i++) {
      if (!level.get(i).id().isEmpty() && level.get(i).id().equals(part)) {
        return i;
      }
    }
    for (int i = 0; i < level.size(); i++) {
      if (level.get(i).title().equals(part)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
