package org.jgrub.config.grub2;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.config.EditContext;
import org.jgrub.config.Entry;

/**
 * What a GRUB 2 script left for the menu's editor: the menu's context as the script left it, the
 * functions it defined, and for each entry the context, positional parameters, {@code $chosen}
 * and file its body ran with, and the btrfs subvolume mounts. GRUB runs an edited entry in exactly
 * that place.
 */
final class Grub2Context implements EditContext {
  /** Where one entry's body ran. */
  record Place(MenuContext menu, List<String> params, String chosen, String file) {}

  final MenuContext menu;
  final Map<String, Node.Function> functions;
  final String device;
  final Map<Entry, Place> places;
  /** openSUSE's btrfs-mount-subvol table as the script left it (a global table in GRUB). */
  final List<BtrfsSubvol.Mount> btrfsMounts = new java.util.ArrayList<>();

  Grub2Context(MenuContext menu, Map<String, Node.Function> functions, String device,
      IdentityHashMap<Entry, Place> places) {
    this.menu = menu;
    this.functions = functions;
    this.device = device;
    this.places = places;
  }
}
