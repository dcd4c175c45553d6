package org.jgrub.fs.squashfs;

import org.jgrub.fs.Node;

/**
 * An inode of a squashfs volume (basic or extended), by the inode reference it was read from.
 * A directory carries where its listing starts in the directory table and its listing's length;
 * a file where each data block is stored and its stored size word, and its tail's fragment
 * (index and offset; {@link #NO_FRAGMENT} when the last block is a full data block); a link its
 * target.
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
    String target)
    implements Node {
  static final long NO_FRAGMENT = 0xffffffffL;

  String name() {
    return "inode 0x" + Long.toHexString(ref);
  }
}
