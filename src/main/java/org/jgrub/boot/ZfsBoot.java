package org.jgrub.boot;

/**
 * pygrub's ZFS conventions: {@code zfs-bootfs=POOL/DATASET} in --args chooses the dataset, and an
 * illumos kernel ({@code /platform/...}) is told its boot dataset through a {@code zfs-bootfs=}
 * boot string in its arguments, replacing the one given or appended after {@code -B}.
 */
final class ZfsBoot {
  private static final String KEY = "zfs-bootfs=";

  private ZfsBoot() {}

  /** The value of {@code zfs-bootfs=} in {@code args} (up to a space, comma or quote), or null. */
  static String requested(String args) {
    int at = args.indexOf(KEY);
    if (at < 0) {
      return null;
    }
    int end = at + KEY.length();
    while (end < args.length() && " \t,\"".indexOf(args.charAt(end)) < 0) {
      end++;
    }
    String v = args.substring(at + KEY.length(), end);
    return v.isEmpty() ? null : v;
  }

  /**
   * The arguments for an illumos kernel on ZFS: pygrub replaces {@code zfs-bootfs=[\w\-.:@/]+}
   * with the boot string, or appends {@code -B} and the boot string when there is none. Other
   * kernels and filesystems keep their arguments (a Linux root-on-ZFS guest must not get -B).
   */
  static String bootArgs(BootFile kernel, String args) {
    if (args.isEmpty() || !kernel.guestPath().startsWith("/platform/")
        || kernel.fs().bootString().isEmpty()) {
      return args;
    }
    String bs = kernel.fs().bootString().get();
    int at = args.indexOf(KEY);
    if (at < 0) {
      return args + " -B " + bs;
    }
    int end = at + KEY.length();
    while (end < args.length() && isBootfsChar(args.charAt(end))) {
      end++;
    }
    return args.substring(0, at) + bs + args.substring(end);
  }

  private static boolean isBootfsChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '@'
        || c == '/';
  }
}
