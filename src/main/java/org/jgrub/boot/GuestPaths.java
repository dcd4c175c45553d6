package org.jgrub.boot;

import java.io.IOException;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.fs.zfs.ZfsFs;
import org.jgrub.fs.zfs.ZfsPaths;
import org.jgrub.io.NotFoundException;

/**
 * Resolves a GRUB path on a volume's filesystem. Besides plain paths this knows GRUB's rule for
 * ZFS, where {@code /ROOT/debian@/boot/vmlinuz} names the dataset {@code ROOT/debian} (and
 * {@code @snap} a snapshot) before the path inside it, as grub-mkconfig writes for root-on-ZFS;
 * and, for a btrfs subvolume view, that a path missing in the subvolume may be written from the
 * top level ({@code /@rootfs/boot/vmlinuz}), as GRUB reads it.
 */
final class GuestPaths {
  private GuestPaths() {}

  /** A resolved path: the filesystem it lies on (another dataset, for ZFS) and its node. */
  record Found(GuestFs fs, Node node) {}

  static Found resolve(GuestFs fs, String path) throws IOException {
    try {
      return resolveHere(fs, path);
    } catch (NotFoundException e) {
      GuestFs top = BtrfsBoot.topLevel(fs);
      if (top == null) {
        throw e;
      }
      try {
        return resolveHere(top, path);
      } catch (NotFoundException e2) {
        throw new NotFoundException(e.getMessage() + ", in the subvolume or from the top level");
      }
    }
  }

  private static Found resolveHere(GuestFs fs, String path) throws IOException {
    // Test the '@' first: the ZFS classes load only for such paths.
    if (path.indexOf('@') >= 0 && fs instanceof ZfsFs z) {
      ZfsPaths.Located l = ZfsPaths.locate(z, path);
      return new Found(l.fs(), PathWalker.resolve(l.fs(), l.path()));
    }
    return new Found(fs, PathWalker.resolve(fs, path));
  }
}
