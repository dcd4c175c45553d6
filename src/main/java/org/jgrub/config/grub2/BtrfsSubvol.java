package org.jgrub.config.grub2;

import java.util.List;
import org.jgrub.config.DevicePath;

/**
 * openSUSE's btrfs patches to GRUB (grub2-btrfs-01 to -10 in openSUSE's grub2 package), as far as
 * they decide which file a path names. With {@code btrfs_relative_path} set to "y" or "1" (the
 * first line of a grub.cfg SUSE's 00_header writes when snapshot booting is on), a path on btrfs
 * is read in the default subvolume instead of the top level; {@code btrfs_subvol} (a path from
 * the top level, {@code /@/.snapshots/2/snapshot}) replaces the default subvolume; {@code
 * btrfs-mount-subvol DEV DIR SUBVOL} (80_suse_btrfs_snapshot: {@code /.snapshots} on {@code
 * @/.snapshots}) makes paths below DIR name files in SUBVOL, before both. jgrub reads a
 * configuration found in the default subvolume in that subvolume's view, so the default needs no
 * rewriting; the other two rules rewrite a path into one from the top level, which the view
 * reaches (boot's GuestPaths tries the top level for a path missing in the subvolume).
 */
final class BtrfsSubvol {
  /** The most mounts a script records (80_suse_btrfs_snapshot writes one). */
  static final int MAX_MOUNTS = 64;

  /** One {@code btrfs-mount-subvol}: paths below {@code dir} are in {@code subvol}. */
  record Mount(String dir, String subvol) {}

  private BtrfsSubvol() {}

  /** {@code btrfs-mount-subvol DEV DIR SUBVOL}. */
  static void mount(Interp in, List<String> argv, int line) {
    if (argv.size() < 4) {
      in.warn(line, "btrfs-mount-subvol: needs a device, a directory and a subvolume");
      in.status = 1;
      return;
    }
    if (in.btrfsMounts.size() >= MAX_MOUNTS) {
      in.warn(line, "btrfs-mount-subvol: more than " + MAX_MOUNTS + " mounts; not recorded");
      in.status = 1;
      return;
    }
    String dir = trim(argv.get(2));
    in.btrfsMounts.removeIf(m -> m.dir().equals(dir));
    in.btrfsMounts.add(new Mount(dir, trim(argv.get(3))));
  }

  /** Whether openSUSE's relative paths are on ({@code btrfs_relative_path} starts with y or 1). */
  static boolean relative(Interp in) {
    String r = in.scope.get("btrfs_relative_path");
    return r != null && !r.isEmpty() && (r.charAt(0) == 'y' || r.charAt(0) == '1');
  }

  /** A path as written ({@code (dev)/p} or {@code /p}) rewritten by the rules above. */
  static String rewrite(Interp in, String written) {
    if (!relative(in)) {
      return written;
    }
    DevicePath dp = Text.split(written);
    String p = path(in, dp.path());
    return dp.device() == null ? p : "(" + dp.device() + ")" + p;
  }

  /** The part after the device, rewritten. */
  static String path(Interp in, String p) {
    if (!relative(in) || !p.startsWith("/")) {
      return p;
    }
    for (Mount m : in.btrfsMounts) {
      String d = m.dir();
      if (p.startsWith(d) && (p.length() == d.length() || p.charAt(d.length()) == '/')) {
        return join(m.subvol(), p.substring(d.length()));
      }
    }
    String sub = in.scope.get("btrfs_subvol");
    if (sub != null && !trim(sub).isEmpty()) {
      return join(trim(sub), p);
    }
    return p;
  }

  /** "/a/b" without trailing slashes and with one leading slash ("" for the top). */
  private static String trim(String s) {
    int a = 0;
    while (a < s.length() && s.charAt(a) == '/') {
      a++;
    }
    int b = s.length();
    while (b > a && s.charAt(b - 1) == '/') {
      b--;
    }
    return a == b ? "" : "/" + s.substring(a, b);
  }

  private static String join(String subvol, String rest) {
    String r = rest.isEmpty() ? "" : rest.startsWith("/") ? rest : "/" + rest;
    return subvol.isEmpty() ? (r.isEmpty() ? "/" : r) : subvol + r;
  }
}
