package org.jgrub.fs;

import java.io.IOException;

/** A file, directory or symbolic link of a {@link GuestFs}; each driver has its own class. */
public interface Node {
  /** What a node is, as far as booting cares. */
  enum Kind {
    FILE,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  Kind kind();

  /** The kind a POSIX {@code st_mode} (S_IFMT bits) denotes, as ext, XFS, btrfs and UFS store it. */
  static Kind kindOfMode(int mode) {
    switch (mode & 0xf000) {
      case 0x4000:
        return Kind.DIRECTORY;
      case 0x8000:
        return Kind.FILE;
      case 0xa000:
        return Kind.SYMLINK;
      default:
        return Kind.OTHER;
    }
  }

  /** Size in bytes (for a symlink, the length of its target). */
  long size();

  /**
   * The node's mode, owner, link count and times as the format stores them, or null when the
   * driver does not read them. Bytes read from the disk are checked like any other field.
   */
  default Attributes attributes() throws IOException {
    return null;
  }
}
