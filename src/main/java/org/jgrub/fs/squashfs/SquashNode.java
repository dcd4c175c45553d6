package org.jgrub.fs.squashfs;

import java.io.IOException;
import java.time.Instant;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;

/**
 * An inode of a squashfs volume (basic or extended), by the inode reference it was read from.
 * A directory carries where its listing starts in the directory table and its listing's length;
 * a file where each data block is stored and its stored size word, and its tail's fragment
 * (index and offset; {@link #NO_FRAGMENT} when the last block is a full data block); a link its
 * target; each its header's attributes.
 */
record SquashNode(
    Kind kind,
    long size,
    long ref,
    long dirBlock,
    int dirOffset,
    long[] starts,
    int[] blocks,
    long fragment,
    int fragmentOffset,
    String target,
    Head head)
    implements Node {
  static final long NO_FRAGMENT = 0xffffffffL;

  /**
   * The inode header's attributes: the inode type (1-14), the permission bits (the type comes from the inode type), the
   * owner's and group's indexes into the id table, mtime (unsigned 32-bit seconds, as the kernel
   * reads it) and the link count (1 for a basic file, which stores none).
   */
  record Head(int inodeType, int perm, int uidIndex, int gidIndex, long mtime, long nlink, SquashIds ids) {}

  @Override
  public Attributes attributes() throws IOException {
    // Inode types 1-7 (basic) and 8-14 (extended): dir, file, link, block, char, fifo, socket.
    int type = switch ((head.inodeType() - 1) % 7) {
      case 0 -> 0040000;
      case 1 -> 0100000;
      case 2 -> 0120000;
      case 3 -> 0060000;
      case 4 -> 0020000;
      case 5 -> 0010000;
      default -> 0140000;
    };
    Instant t = Attributes.time(head.mtime(), 0);
    return Attributes.posix(type | head.perm() & 07777, head.ids().id(head.uidIndex(), name()),
        head.ids().id(head.gidIndex(), name()), head.nlink(), t, t, t);
  }

  String name() {
    return "inode 0x" + Long.toHexString(ref);
  }
}
