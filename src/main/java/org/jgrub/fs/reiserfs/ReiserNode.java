package org.jgrub.fs.reiserfs;

import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;

/** A ReiserFS object: its key pair and its stat data; the file's run map is built on first read. */
final class ReiserNode implements Node {
  static final int IFMT = 0170000;
  static final int IFDIR = 0040000;
  static final int IFREG = 0100000;
  static final int IFLNK = 0120000;

  final long dirId;
  final long objectId;
  final ReiserStatData stat;
  ReiserFileMap map;

  ReiserNode(long dirId, long objectId, ReiserStatData stat) {
    this.dirId = dirId;
    this.objectId = objectId;
    this.stat = stat;
  }

  @Override
  public Kind kind() {
    return switch (stat.mode() & IFMT) {
      case IFDIR -> Kind.DIRECTORY;
      case IFREG -> Kind.FILE;
      case IFLNK -> Kind.SYMLINK;
      default -> Kind.OTHER;
    };
  }

  @Override
  public long size() {
    return stat.size();
  }

  @Override
  public Attributes attributes() {
    return stat.attributes();
  }

  String where() {
    return "object [" + dirId + " " + objectId + "]";
  }
}
