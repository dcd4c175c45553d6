package org.jgrub.fs.ext;

import java.io.IOException;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;
import org.jgrub.fs.RunMap;

/** An opened inode: its kind and size, and its block mapping once it is first needed. */
final class ExtNode implements Node {
  final Inode inode;
  private final Kind kind;
  private RunMap map;
  private byte[] inline;

  ExtNode(Inode inode) {
    this.inode = inode;
    this.kind = switch (inode.type()) {
      case Inode.S_IFREG -> Kind.FILE;
      case Inode.S_IFDIR -> Kind.DIRECTORY;
      case Inode.S_IFLNK -> Kind.SYMLINK;
      default -> Kind.OTHER;
    };
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public long size() {
    return inode.size();
  }

  @Override
  public Attributes attributes() throws IOException {
    return inode.attributes();
  }

  long ino() {
    return inode.ino();
  }

  RunMap cachedMap() {
    return map;
  }

  void cacheMap(RunMap m) {
    map = m;
  }

  byte[] cachedInline() {
    return inline;
  }

  void cacheInline(byte[] b) {
    inline = b;
  }
}
