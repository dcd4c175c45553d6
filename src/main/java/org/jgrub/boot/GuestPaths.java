package org.jgrub.boot;

import java.io.IOException;
import org.jgrub.fs.GuestFs;
import org.jgrub.fs.Node;
import org.jgrub.fs.PathWalker;
import org.jgrub.io.NotFoundException;

/**
 * Resolves a GRUB path on a volume's filesystem. The filesystem says where the path leads ({@link
 * GuestFs#locate}: ZFS's {@code /ROOT/debian@/boot/vmlinuz} names a dataset before the path inside
 * it) and, for a view inside the volume, from where a missing path may have been written ({@link
 * GuestFs#topLevel}: a btrfs subvolume's paths written from the top level,
 * {@code /@rootfs/boot/vmlinuz}, as GRUB reads them).
 */
final class GuestPaths {
  private GuestPaths() {}

  /** A resolved path: the filesystem it lies on (another dataset, for ZFS) and its node. */
  record Found(GuestFs fs, Node node) {}

  static Found resolve(GuestFs fs, String path) throws IOException {
    try {
      return resolveHere(fs, path);
    } catch (NotFoundException e) {
      GuestFs top = fs.topLevel();
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
    GuestFs.Located l = fs.locate(path);
    return new Found(l.fs(), PathWalker.resolve(l.fs(), l.path()));
  }
}
