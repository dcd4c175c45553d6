package org.jgrub.fs.ext;

import java.time.Instant;
import org.jgrub.fs.Attributes;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One on-disk inode (ext4 on-disk format, "Index Nodes"): the whole record is kept as a view, for
 * i_block (block map, extent root, fast symlink, inline data) and the in-inode xattrs after it.
 */
record Inode(long ino, int mode, long size, int flags, long blocks, long fileAcl, ByteView raw) {
  static final int I_MODE = 0x0;
  static final int I_UID = 0x2;
  static final int I_ATIME = 0x8;
  static final int I_CTIME = 0xc;
  static final int I_MTIME = 0x10;
  static final int I_GID = 0x18;
  static final int I_LINKS_COUNT = 0x1a;
  static final int I_UID_HIGH = 0x78;
  static final int I_GID_HIGH = 0x7a;
  static final int I_CTIME_EXTRA = 0x84;
  static final int I_MTIME_EXTRA = 0x88;
  static final int I_ATIME_EXTRA = 0x8c;
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

  /** Mode, owner (with the Linux high halves), link count and times with their _extra words. */
  Attributes attributes() throws CorruptDataException {
    long uid = raw.u16le(I_UID) | (long) raw.u16le(I_UID_HIGH) << 16;
    long gid = raw.u16le(I_GID) | (long) raw.u16le(I_GID_HIGH) << 16;
    int extra = raw.length() > I_EXTRA_ISIZE + 2 ? raw.u16le(I_EXTRA_ISIZE) : 0;
    return Attributes.posix(mode, uid, gid, raw.u16le(I_LINKS_COUNT),
        time(I_MTIME, I_MTIME_EXTRA, extra), time(I_ATIME, I_ATIME_EXTRA, extra),
        time(I_CTIME, I_CTIME_EXTRA, extra));
  }

  /**
   * A time: signed 32-bit seconds, and when the inode's extra space holds the matching _extra
   * word, its two low bits extend the seconds past 2038 and its upper 30 bits are nanoseconds
   * (ext4 on-disk format, "Inode Timestamps").
   */
  private Instant time(int at, int extraAt, int extraIsize) throws CorruptDataException {
    long sec = raw.s32le(at);
    if (extraIsize >= extraAt + 4 - 0x80 && raw.length() >= extraAt + 4) {
      long x = raw.u32le(extraAt);
      return Attributes.time(sec + ((x & 3) << 32), x >>> 2);
    }
    return Attributes.time(sec, 0);
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
