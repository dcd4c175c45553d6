package org.jgrub.fs;

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

  /** Size in bytes (for a symlink, the length of its target). */
  long size();
}
