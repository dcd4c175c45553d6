package org.jgrub.fs.btrfs;

import java.time.Instant;
import java.util.List;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/** An inode (struct btrfs_inode_item) of one FS tree: mode and size, extents read on demand. */
final class BtrfsInode implements Node {
  static final int OFF_SIZE = 16;
  static final int OFF_NLINK = 40;
  static final int OFF_UID = 44;
  static final int OFF_GID = 48;
  static final int OFF_ATIME = 112;
  static final int OFF_CTIME = 124;
  static final int OFF_MTIME = 136;
  static final int OFF_MODE = 52;
  static final int ITEM_SIZE = 160;

  final BtrfsTree tree;
  final long treeId;
  final long ino;
  final int mode;
  final long size;
  /** The inode item, for the attributes read on demand. */
  private final ByteView item;
  /** The file's extents in offset order, read on first use. */
  List<BtrfsExtent> extents;

  BtrfsInode(BtrfsTree tree, long treeId, long ino, ByteView item) throws CorruptDataException {
    if (item.length() < ITEM_SIZE) {
      throw item.corrupt("inode item of " + item.length() + " bytes");
    }
    this.item = item;
    this.tree = tree;
    this.treeId = treeId;
    this.ino = ino;
    this.mode = (int) item.u32le(OFF_MODE);
    this.size = item.u64le(OFF_SIZE);
    if (size < 0) {
      throw item.corrupt("negative size");
    }
  }

  @Override
  public Kind kind() {
    return Node.kindOfMode(mode);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public Attributes attributes() throws CorruptDataException {
    return Attributes.posix(mode, item.u32le(OFF_UID), item.u32le(OFF_GID), item.u32le(OFF_NLINK),
        time(OFF_MTIME), time(OFF_ATIME), time(OFF_CTIME));
  }

  /** struct btrfs_timespec: signed 64-bit seconds, 32-bit nanoseconds. */
  private Instant time(int at) throws CorruptDataException {
    return Attributes.time(item.u64le(at), item.u32le(at + 8));
  }

  String where() {
    return "btrfs tree " + treeId + " inode " + ino;
  }
}
