package org.jgrub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jgrub.io.UsageException;

/**
 * What {@code jgrub cp -p} keeps of a guest file on its host copy: the nine rwx bits and the
 * modification and access times; with {@code --owner} (root only) also the guest's numeric owner
 * and group. Setuid, setgid and sticky are never set on a host file: a guest must not be able to
 * plant a setuid binary in dom0, so those bits are dropped. Links get their times only (a link's
 * mode means nothing on Linux). Directories are given theirs after everything inside them is
 * written, so that a read-only guest directory does not stop its own copy.
 */
final class Preserve {
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  final boolean modeAndTimes;
  final boolean owner;

  Preserve(boolean modeAndTimes, boolean owner) throws UsageException {
    if (owner && !isRoot()) {
      throw new UsageException("cp --owner: only root can give files to other owners");
    }
    this.modeAndTimes = modeAndTimes || owner;
    this.owner = owner;
  }

  /** Whether this process runs as uid 0 (/proc/self belongs to the process's effective uid). */
  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * What a guest file has that -p can keep: its mode (-1 where the filesystem has none), numeric
   * owner and group (null likewise), times, and whether it is a link.
   */
  record Meta(int mode, Integer uid, Integer gid, FileTime mtime, FileTime atime, boolean link) {}

  /** The guest file's {@link Meta}, or null without -p (nothing is read then). */
  Meta read(Path src) throws IOException {
    return modeAndTimes ? meta(src) : null;
  }

  static Meta meta(Path src) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    boolean posix = src.getFileSystem().supportedFileAttributeViews().contains("unix");
    Map<String, Object> u = posix
        ? Files.readAttributes(src, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS)
        : Map.of();
    return new Meta(posix ? (Integer) u.get("mode") : -1, (Integer) u.get("uid"),
        (Integer) u.get("gid"), a.lastModifiedTime(), a.lastAccessTime(), a.isSymbolicLink());
  }

  /** Gives {@code target} what is kept of the guest file {@code m} describes; nothing without -p. */
  void apply(Meta m, Path target) throws IOException {
    if (!modeAndTimes || m == null) {
      return;
    }
    if (owner && m.uid() != null && m.gid() != null) {
      // Numeric ids, set before the mode: chown clears setuid bits, and there are none to keep.
      Files.setAttribute(target, "unix:uid", m.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(target, "unix:gid", m.gid(), LinkOption.NOFOLLOW_LINKS);
    }
    if (m.mode() >= 0 && !m.link()) {
      Files.setPosixFilePermissions(target, permissions(m.mode()));
    }
    Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(m.mtime(), m.atime(), null);
  }

  /** The nine rwx bits of {@code mode}; setuid, setgid and sticky are left out on purpose. */
  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & 1 << i) != 0) {
        out.add(BITS[i]);
      }
    }
    return out;
  }
}
