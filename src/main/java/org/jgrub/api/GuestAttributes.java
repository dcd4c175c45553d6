package org.jgrub.api;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;

/**
 * The attributes of a guest file: kind and size, and the mode, owner, group and times its
 * filesystem stores ({@link Node#attributes}). Owners are the guest's numeric ids, printed as
 * numbers (the guest's /etc/passwd means nothing on the host). A time the format does not store
 * reads as the epoch; on a format without POSIX modes (FAT) the POSIX view is refused.
 */
final class GuestAttributes implements PosixFileAttributes {
  private static final FileTime UNKNOWN = FileTime.fromMillis(0);
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };
  private final Node.Kind kind;
  private final long size;
  private final Attributes attrs;
  private final String where;

  GuestAttributes(Node node, String where) throws IOException {
    this.kind = node.kind();
    this.size = node.size();
    this.attrs = node.attributes();
    this.where = where;
  }

  /** The filesystem's own attributes, or null when its driver reads none. */
  Attributes raw() {
    return attrs;
  }

  /** Whether this file's filesystem stores POSIX modes and owners. */
  boolean posix() {
    return attrs != null && attrs.posix();
  }

  private static FileTime time(Instant t) {
    return t == null ? UNKNOWN : FileTime.from(t);
  }

  @Override
  public FileTime lastModifiedTime() {
    return attrs == null ? UNKNOWN : time(attrs.mtime());
  }

  @Override
  public FileTime lastAccessTime() {
    return attrs == null ? UNKNOWN : time(attrs.atime());
  }

  /** No format jgrub reads keeps a creation time it exposes; this is the status change time. */
  @Override
  public FileTime creationTime() {
    return attrs == null ? UNKNOWN : time(attrs.ctime());
  }

  @Override
  public boolean isRegularFile() {
    return kind == Node.Kind.FILE;
  }

  @Override
  public boolean isDirectory() {
    return kind == Node.Kind.DIRECTORY;
  }

  @Override
  public boolean isSymbolicLink() {
    return kind == Node.Kind.SYMLINK;
  }

  @Override
  public boolean isOther() {
    return kind == Node.Kind.OTHER;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Object fileKey() {
    return null;
  }

  private Attributes requirePosix() {
    if (!posix()) {
      throw new UnsupportedOperationException(
          where + ": this filesystem stores no POSIX mode or owner (only the basic view)");
    }
    return attrs;
  }

  @Override
  public UserPrincipal owner() {
    return new GuestPrincipal.User(requirePosix().uid());
  }

  @Override
  public GroupPrincipal group() {
    return new GuestPrincipal.Group(requirePosix().gid());
  }

  /** The nine rwx bits; setuid, setgid and sticky are in {@code unix:mode} only, as on Linux. */
  @Override
  public Set<PosixFilePermission> permissions() {
    int mode = requirePosix().mode();
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & 1 << i) != 0) {
        out.add(BITS[i]);
      }
    }
    return out;
  }

  /** The attributes {@code readAttributes(path, "view:a,b")} asks for ("*" for all). */
  Map<String, Object> asMap(String view, String names) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("lastModifiedTime", lastModifiedTime());
    all.put("lastAccessTime", lastAccessTime());
    all.put("creationTime", creationTime());
    all.put("size", size());
    all.put("isRegularFile", isRegularFile());
    all.put("isDirectory", isDirectory());
    all.put("isSymbolicLink", isSymbolicLink());
    all.put("isOther", isOther());
    all.put("fileKey", fileKey());
    if (!view.equals("basic")) {
      Attributes a = requirePosix();
      all.put("permissions", permissions());
      all.put("owner", owner());
      all.put("group", group());
      if (view.equals("unix")) {
        all.put("mode", a.mode());
        all.put("uid", (int) a.uid());
        all.put("gid", (int) a.gid());
        all.put("nlink", (int) a.nlink());
        all.put("ctime", time(a.ctime()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names.split(",", -1)) {
      if (n.equals("*")) {
        out.putAll(all);
      } else if (all.containsKey(n)) {
        out.put(n, all.get(n));
      } else {
        throw new IllegalArgumentException("no attribute '" + n + "' in the " + view + " view");
      }
    }
    return out;
  }
}
