package org.jgrub.fs.iso9660;

import java.time.Instant;
import org.jgrub.fs.Attributes;

/**
 * What the Rock Ridge entries of one directory record say (RRIP 1.12): the name (NM), the POSIX
 * mode (PX, -1 when absent), the symbolic link target (SL) or why it is unreadable, relocation
 * (RE, CL), zisofs compression (ZF), the features jgrub does not read (SF sparse files,
 * zisofs2), and the link count and ids (PX, -1 when absent) and times (TF, null when absent).
 */
record RockRidge(
    String name,
    long mode,
    String linkTarget,
    String linkError,
    boolean relocated,
    long childLink,
    boolean rripSeen,
    Zisofs.Params zisofs,
    String unsupported,
    long nlink,
    long uid,
    long gid,
    Instant mtime,
    Instant atime,
    Instant ctime) {

  static final RockRidge NONE = new RockRidge(
      null, -1, null, null, false, -1, false, null, null, -1, -1, -1, null, null, null);

  /** The node's attributes: POSIX when PX is present, else the recording date only. */
  Attributes attributes(Instant recorded) {
    Instant m = mtime != null ? mtime : recorded;
    Instant a = atime != null ? atime : recorded;
    Instant c = ctime != null ? ctime : recorded;
    if (mode < 0) {
      return Attributes.timesOnly(m, a, c);
    }
    return Attributes.posix((int) mode, uid, gid, nlink, m, a, c);
  }

  private static final long S_IFMT = 0170000;
  static final long S_IFDIR = 0040000;
  static final long S_IFREG = 0100000;
  static final long S_IFLNK = 0120000;

  long fileType() {
    return mode < 0 ? -1 : mode & S_IFMT;
  }
}
