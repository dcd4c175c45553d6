package org.jgrub.fs.btrfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.GuestFs;

/**
 * Where a bootloader's files may live on a btrfs volume whose top level has none. Upstream GRUB
 * reads from the top level (subvolume 5) and reaches /boot through its core image's prefix
 * ({@code (,msdos1)/@rootfs/boot/grub}); without that prefix a careful reader tries the default
 * subvolume ({@code btrfs subvolume set-default}: openSUSE's snapper snapshot) and then each
 * subvolume at the top level (Debian's installer: {@code @rootfs}, Ubuntu's: {@code @}, Fedora's:
 * {@code root}). Paths in a configuration found so may be written either from the top level or
 * from the subvolume (grub-mkconfig writes the first, SUSE's btrfs_relative_path the second), so a
 * subvolume view also offers its top level.
 */
final class SubvolumeViews {
  private SubvolumeViews() {}

  /** The views to try after the top level, in order; empty for a view that is not the top. */
  static List<GuestFs.View> of(BtrfsFs top, int max) throws IOException {
    List<GuestFs.View> out = new ArrayList<>();
    if (top.rootSubvolumeId() != BtrfsConst.FS_TREE_OBJECTID) {
      return out;
    }
    long def = top.defaultSubvolumeId();
    List<BtrfsFs.Child> children = top.childSubvolumes(max);
    if (def != BtrfsConst.FS_TREE_OBJECTID) {
      String name = "default subvolume " + def;
      for (BtrfsFs.Child c : children) {
        if (c.id() == def) {
          name = "default subvolume " + c.name() + " (" + def + ")";
        }
      }
      out.add(new GuestFs.View(name, top.subvolume(def)));
    }
    for (BtrfsFs.Child c : children) {
      if (c.id() != def && c.id() != BtrfsConst.FS_TREE_OBJECTID) {
        out.add(new GuestFs.View(
            "subvolume " + c.name() + " (" + c.id() + ")", top.subvolume(c.id())));
      }
    }
    return out;
  }
}
