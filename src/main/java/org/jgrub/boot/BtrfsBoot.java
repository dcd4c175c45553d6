package org.jgrub.boot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.btrfs.BtrfsFs;
import org.jgrub.io.NotFoundException;

/**
 * Where to look for a configuration on a btrfs volume whose top level has none. Upstream GRUB
 * reads from the top level (subvolume 5); distributions put /boot inside a subvolume: openSUSE in
 * the default subvolume (a snapper snapshot, found with {@code btrfs subvolume set-default}),
 * Fedora in the subvolume {@code root}, older layouts in {@code @}. jgrub then reads the volume
 * through that subvolume, and resolves a boot path that is not there from the top level, since
 * grub-mkconfig may write either form.
 */
final class BtrfsBoot {
  private static final String[] NAMED = {"/root", "/@"};

  private BtrfsBoot() {}

  /** Views to try, in order, for a top-level view; empty for other filesystems. */
  static List<GuestFs> views(GuestFs fs) throws IOException {
    List<GuestFs> out = new ArrayList<>();
    if (!(fs instanceof BtrfsFs b) || b.rootSubvolumeId() != TOP) {
      return out;
    }
    long def = b.defaultSubvolumeId();
    if (def != TOP) {
      out.add(b.defaultSubvolume());
    }
    for (String name : NAMED) {
      try {
        Node n = PathWalker.resolve(b, name);
        if (n.kind() == Node.Kind.DIRECTORY) {
          BtrfsFs v = b.subvolumeOf(n);
          if (v.rootSubvolumeId() != TOP && v.rootSubvolumeId() != def) {
            out.add(v);
          }
        }
      } catch (NotFoundException e) {
        // No such subvolume.
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
