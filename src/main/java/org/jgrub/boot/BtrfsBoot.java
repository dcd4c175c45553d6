package org.jgrub.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.btrfs.BtrfsFs;

/**
 * Where to look for a configuration on a btrfs volume whose top level has none. Upstream GRUB
 * reads from the top level (subvolume 5), reaching /boot through its core image's prefix
 * ({@code (,msdos1)/@rootfs/boot/grub}); without that prefix a careful reader tries the default
 * subvolume ({@code btrfs subvolume set-default}: openSUSE's snapper snapshot) and then each
 * subvolume at the top level (Debian's installer: {@code @rootfs}, Ubuntu's: {@code @}, Fedora's:
 * {@code root}). Paths in a configuration found so may be written either from the top level or
 * from the subvolume (grub-mkconfig writes the first, SUSE's btrfs_relative_path the second):
 * {@link GuestPaths} tries the subvolume, then the top level.
 */
final class BtrfsBoot {
  /** The most top-level subvolumes searched (each costs a few directory lookups). */
  static final int MAX_SUBVOLUMES = 64;

  private BtrfsBoot() {}

  /** A view of a volume: its filesystem seen from a subvolume, and how messages name it. */
  record View(String name, GuestFs fs) {}

  /** Views to try, in order, after a top-level view; empty for other filesystems. */
  static List<View> views(GuestFs fs) throws IOException {
    List<View> out = new ArrayList<>();
    if (!(fs instanceof BtrfsFs b) || b.rootSubvolumeId() != TOP) {
      return out;
    }
    long def = b.defaultSubvolumeId();
    List<BtrfsFs.Child> children = b.childSubvolumes(MAX_SUBVOLUMES);
    if (def != TOP) {
      String name = "default subvolume " + def;
      for (BtrfsFs.Child c : children) {
        if (c.id() == def) {
          name = "default subvolume " + c.name() + " (" + def + ")";
        }
      }
      out.add(new View(name, b.subvolume(def)));
    }
    for (BtrfsFs.Child c : children) {
      if (c.id() != def && c.id() != TOP) {
        out.add(new View("subvolume " + c.name() + " (" + c.id() + ")", b.subvolume(c.id())));
      }
    }
    return out;
  }

  /** The top level of a subvolume view, for paths written from the top; null otherwise. */
  static GuestFs topLevel(GuestFs fs) throws IOException {
    if (fs instanceof BtrfsFs b && b.rootSubvolumeId() != TOP) {
      return b.subvolume(TOP);
    }
    return null;
  }

  /** btrfs's top-level subvolume (BTRFS_FS_TREE_OBJECTID). */
  private static final long TOP = 5;
}
