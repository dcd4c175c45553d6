package org.jgrub.config;

import java.util.List;

/** A GRUB 2 submenu: a titled list of items, shown as one line of its parent menu. */
public record Submenu(String title, String id, List<MenuItem> items) implements MenuItem {
  public Submenu {
    items = List.copyOf(items);
  }
}
