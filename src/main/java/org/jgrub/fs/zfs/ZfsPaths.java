package org.jgrub.fs.zfs;

import java.io.IOException;

/**
 * GRUB 2's ZFS path syntax (grub-core/fs/zfs/zfs.c, dnode_get_fullpath): in
 * {@code /ROOT/debian@/boot/vmlinuz} the part before the first '@' names a dataset relative to the
 * pool and the rest is a path inside it; {@code /ROOT/debian@snap/boot/vmlinuz} names snapshot
 * {@code snap}. A path without '@' is a plain path on the default (bootfs) dataset.
 */
public final class ZfsPaths {
  private ZfsPaths() {}

  /**
   * A split path: {@code dataset} relative to the pool without slashes at either end ("" for the
   * pool's root dataset, null when the path named none), {@code snapshot} or null, and the path
   * inside the dataset (always starting with '/').
   */
  public record Split(String dataset, String snapshot, String path) {}

  public static Split split(String grubPath) {
    int at = grubPath.indexOf('@');
    if (at < 0) {
      return new Split(null, null, grubPath.startsWith("/") ? grubPath : "/" + grubPath);
    }
    String ds = trimSlashes(grubPath.substring(0, at));
    String rest = grubPath.substring(at + 1);
    int slash = rest.indexOf('/');
    String snap = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : rest.substring(slash);
    return new Split(ds, snap.isEmpty() ? null : snap, path);
  }

  /** A filesystem and the path inside it that {@code grubPath} names, starting from {@code fs}. */
  public record Located(ZfsFs fs, String path) {}

  /** Opens the dataset {@code grubPath} names in {@code fs}'s pool (or keeps {@code fs}). */
  public static Located locate(ZfsFs fs, String grubPath) throws IOException {
    Split s = split(grubPath);
    if (s.dataset() == null) {
      return new Located(fs, s.path());
    }
    String pool = fs.pool().name();
    String full = s.dataset().isEmpty() ? pool : pool + "/" + s.dataset();
    if (s.snapshot() != null) {
      full = full + "@" + s.snapshot();
    }
    return new Located(fs.withDataset(full), s.path());
  }

  private static String trimSlashes(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == '/') {
      b++;
    }
    while (e > b && s.charAt(e - 1) == '/') {
      e--;
    }
    return s.substring(b, e);
  }
}
