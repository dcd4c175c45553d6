package org.jgrub.config;

/** One line of a menu: a bootable entry or a submenu. */
public sealed interface MenuItem permits Entry, Submenu {
  String title();

  /** The GRUB 2 id ({@code --id}), or "" when the config gave none. */
  String id();
}
