package org.jgrub.fs.fat;

import org.jgrub.fs.Node;

/** An exFAT file or directory; the root has no entry set and {@code root} true. */
record ExFatNode(ExFatEntry entry, boolean root, String name) implements Node {
  @Override
  public Kind kind() {
    return entry.directory() ? Kind.DIRECTORY : Kind.FILE;
  }

  @Override
  public long size() {
    return entry.directory() ? 0 : entry.size();
  }
}
