package org.jgrub.config.syslinux;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Entry;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Submenu;

/**
 * A menu being read: the root menu or a MENU BEGIN / MENU INCLUDE submenu. Items are entries or
 * nested menus; {@code defaultIndex} is the item MENU DEFAULT marked.
 */
final class SyslinuxMenu {
  final SyslinuxMenu parent;
  final String tag;
  String label;
  String title;
  final List<Object> items = new ArrayList<>();
  int defaultIndex = -1;

  SyslinuxMenu(SyslinuxMenu parent, String tag) {
    this.parent = parent;
    this.tag = tag;
  }

  /** The name shown for this submenu: its MENU LABEL, else its MENU TITLE, else its tag. */
  String displayName() {
    if (label != null) {
      return SyslinuxLabel.stripCarets(label);
    }
    if (title != null) {
      return title;
    }
    return tag;
  }

  List<MenuItem> build() {
    List<MenuItem> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof SyslinuxMenu m) {
        out.add(new Submenu(m.displayName(), m.tag, m.build()));
      } else {
        out.add((MenuItem) o);
      }
    }
    return out;
  }

  /** The index path ("2", "1>0") of the entry whose id is {@code label}, or null. */
  String find(String label) {
    for (int i = 0; i < items.size(); i++) {
      Object o = items.get(i);
      if (o instanceof Entry e && e.id().equals(label)
          || o instanceof Submenu s && s.id().equals(label)) {
        return Integer.toString(i);
      }
      if (o instanceof SyslinuxMenu m) {
        String sub = m.find(label);
        if (sub != null) {
          return i + ">" + sub;
        }
      }
    }
    return null;
  }
}
