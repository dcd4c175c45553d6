package org.jgrub.fs.zfs;

import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;
import org.jgrub.fs.NodeRef;

/** A ZPL file, directory or symlink: its object, dnode and the attributes jgrub needs. */
final class ZfsNode implements Node {
  final long obj;
  final Dnode dnode;
  final long mode;
  private final long size;
  /** The link target when stored with the attributes (bonus or SA), else null. */
  final byte[] inlineTarget;
  private final Attributes attributes;

  ZfsNode(long obj, Dnode dnode, long mode, long size, byte[] inlineTarget, Attributes attributes) {
    this.attributes = attributes;
    this.obj = obj;
    this.dnode = dnode;
    this.mode = mode;
    this.size = size;
    this.inlineTarget = inlineTarget;
  }

  private static final long S_IFMT = 0170000;
  private static final long S_IFDIR = 0040000;
  private static final long S_IFREG = 0100000;
  private static final long S_IFLNK = 0120000;

  @Override
  public Kind kind() {
    long t = mode & S_IFMT;
    return t == S_IFDIR ? Kind.DIRECTORY
        : t == S_IFREG ? Kind.FILE
        : t == S_IFLNK ? Kind.SYMLINK
        : Kind.OTHER;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Attributes attributes() {
    return attributes;
  }

  /** A directory entry's target: the object number from the ZAP value's low 48 bits. */
  record Ref(long obj) implements NodeRef {}
}
