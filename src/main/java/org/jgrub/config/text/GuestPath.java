package org.jgrub.config.text;

/** Guest path arithmetic for config parsers: directories and relative paths, as strings. */
public final class GuestPath {
  private GuestPath() {}

  /** The directory holding {@code path}: "/boot/extlinux.conf" gives "/boot"; "/x" gives "/". */
  public static String dirname(String path) {
    int slash = path.lastIndexOf('/');
    if (slash <= 0) {
      return "/";
    }
    return path.substring(0, slash);
  }

  /** {@code path} if absolute, else {@code dir/path}; the path walker resolves "." and "..". */
  public static String resolve(String dir, String path) {
    if (path.startsWith("/")) {
      return path;
    }
    if (dir.endsWith("/")) {
      return dir + path;
    }
    return dir + "/" + path;
  }

  /** The last component of {@code path}. */
  public static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
