package org.jgrub.fs.btrfs;

/** Item types and well-known object ids (btrfs_tree.h). */
final class BtrfsConst {
  private BtrfsConst() {}

  static final int INODE_ITEM = 1;
  static final int DIR_ITEM = 84;
  static final int DIR_INDEX = 96;
  static final int EXTENT_DATA = 108;
  static final int ROOT_ITEM = 132;
  static final int CHUNK_ITEM = 228;

  static final long ROOT_TREE_DIR_OBJECTID = 6;
  static final long FS_TREE_OBJECTID = 5;
  static final long FIRST_CHUNK_TREE_OBJECTID = 256;
  /** The first subvolume id users can create (BTRFS_FIRST_FREE_OBJECTID). */
  static final long FIRST_FREE_OBJECTID = 256;
  static final long LAST_FREE_OBJECTID = -256L;

  // Block group profile bits (BTRFS_BLOCK_GROUP_*).
  static final long BG_RAID0 = 1 << 3;
  static final long BG_RAID1 = 1 << 4;
  static final long BG_DUP = 1 << 5;
  static final long BG_RAID10 = 1 << 6;
  static final long BG_RAID5 = 1 << 7;
  static final long BG_RAID6 = 1 << 8;
  static final long BG_RAID1C3 = 1 << 9;
  static final long BG_RAID1C4 = 1 << 10;
}
