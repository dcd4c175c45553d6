package org.jgrub.fs.ext;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One on-disk inode (ext4 on-disk format, "Index Nodes"): the whole record is kept as a view, for
 * i_block (block map, extent root, fast symlink, inline data) and the in-inode xattrs after it.
 */
record Inode(long ino, int mode, long size, int flags, long blocks, long fileAcl, ByteView raw) {
  static final int I_MODE = 0x0;
  static final int I_SIZE_LO = 0x4;
  static final int I_BLOCKS_LO = 0x1c;
  static final int I_FLAGS = 0x20;
  static final int I_BLOCK = 0x28;
  static final int I_BLOCK_LEN = 60;
  static final int I_FILE_ACL_LO = 0x68;
  static final int I_SIZE_HIGH = 0x6c;
  static final int I_BLOCKS_HIGH = 0x74;
  static final int I_FILE_ACL_HIGH = 0x76;
  static final int I_EXTRA_ISIZE = 0x80;

  static final int S_IFMT = 0xf000;
  static final int S_IFREG = 0x8000;
  static final int S_IFDIR = 0x4000;
  static final int S_IFLNK = 0xa000;

  static final int FL_HUGE_FILE = 0x40000;
  static final int FL_ENCRYPT = 0x800;
  static final int FL_EXTENTS = 0x80000;
  static final int FL_INLINE_DATA = 0x10000000;
  static final int FL_CASEFOLD = 0x40000000;

  static Inode parse(long ino, ByteView v, boolean largeDir) throws CorruptDataException {
    int mode = v.u16le(I_MODE);
    int type = mode & S_IFMT;
    long size = v.u32le(I_SIZE_LO);
    // ext4_isize(): the high half counts for regular files, and for directories with large_dir.
    if (type == S_IFREG || (type == S_IFDIR && largeDir)) {
      size |= v.u32le(I_SIZE_HIGH) << 32;
      if (size < 0) {
        throw v.corrupt("inode " + ino + ": size is negative");
      }
    }
    long blocks = v.u32le(I_BLOCKS_LO) | (long) v.u16le(I_BLOCKS_HIGH) << 32;
    long acl = v.u32le(I_FILE_ACL_LO) | (long) v.u16le(I_FILE_ACL_HIGH) << 32;
    return new Inode(ino, mode, size, v.s32le(I_FLAGS), blocks, acl, v);
  }

  int type() {
    return mode & S_IFMT;
  }

  boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }

  ByteView iblock() throws CorruptDataException {
    return raw.slice(I_BLOCK, I_BLOCK_LEN, raw.what() + " i_block");
  }
}
