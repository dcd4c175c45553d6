package org.jgrub.fs.ufs;

import org.jgrub.fs.Node;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * One UFS1 ({@code struct ufs1_dinode}, 128 bytes) or UFS2 ({@code struct ufs2_dinode}, 256 bytes)
 * inode: the mode, size, block count and the 12 direct and 3 indirect pointers (in fragments).
 *
 * @param ino the inode number
 * @param mode di_mode
 * @param size di_size in bytes
 * @param blocks di_blocks (512-byte sectors held, 0 for a fast symlink)
 * @param direct di_db[12]
 * @param indirect di_ib[3]: single, double, triple indirect
 * @param shortLink the raw di_db/di_ib area, which holds a fast symlink's target
 * @param diskOffset byte offset of the inode on the volume, for messages
 */
record UfsInode(
    long ino,
    int mode,
    long size,
    long blocks,
    long[] direct,
    long[] indirect,
    byte[] shortLink,
    long diskOffset)
    implements Node {

  static final int NDADDR = 12;
  static final int NIADDR = 3;

  static final int IFMT = 0170000;
  static final int IFDIR = 0040000;
  static final int IFREG = 0100000;
  static final int IFLNK = 0120000;

  // struct ufs1_dinode
  private static final int UFS1_MODE = 0;
  private static final int UFS1_SIZE = 8;
  private static final int UFS1_DB = 40;
  private static final int UFS1_IB = 88;
  private static final int UFS1_BLOCKS = 104;
  // struct ufs2_dinode
  private static final int UFS2_MODE = 0;
  private static final int UFS2_SIZE = 16;
  private static final int UFS2_BLOCKS = 24;
  private static final int UFS2_DB = 112;
  private static final int UFS2_IB = 208;

  /** Parses the inode in {@code v} (exactly one on-disk inode). */
  static UfsInode parse(ByteView v, long ino, UfsSuperblock sb) throws CorruptDataException {
    boolean be = sb.bigEndian();
    long[] db = new long[NDADDR];
    long[] ib = new long[NIADDR];
    int mode;
    long size;
    long blocks;
    byte[] link;
    if (sb.ufs2()) {
      mode = v.u16(UFS2_MODE, be);
      size = v.u64(UFS2_SIZE, be);
      blocks = v.u64(UFS2_BLOCKS, be);
      for (int i = 0; i < NDADDR; i++) {
        db[i] = v.u64(UFS2_DB + 8 * i, be);
      }
      for (int i = 0; i < NIADDR; i++) {
        ib[i] = v.u64(UFS2_IB + 8 * i, be);
      }
      link = v.bytes(UFS2_DB, UfsSuperblock.UFS2_SHORTLINK);
    } else {
      mode = v.u16(UFS1_MODE, be);
      size = v.u64(UFS1_SIZE, be);
      blocks = v.u32(UFS1_BLOCKS, be);
      for (int i = 0; i < NDADDR; i++) {
        db[i] = v.u32(UFS1_DB + 4 * i, be);
      }
      for (int i = 0; i < NIADDR; i++) {
        ib[i] = v.u32(UFS1_IB + 4 * i, be);
      }
      link = v.bytes(UFS1_DB, UfsSuperblock.UFS1_SHORTLINK);
    }
    if (size < 0) {
      throw v.corrupt("inode " + ino + " has negative size " + size);
    }
    return new UfsInode(ino, mode, size, blocks, db, ib, link, v.diskOffset(0));
  }

  @Override
  public Kind kind() {
    return switch (mode & IFMT) {
      case IFDIR -> Kind.DIRECTORY;
      case IFREG -> Kind.FILE;
      case IFLNK -> Kind.SYMLINK;
      default -> Kind.OTHER;
    };
  }

  /**
   * Whether a symlink's target is stored in the inode itself. 4.4BSD (and UFS2) keep targets
   * shorter than fs_maxsymlinklen there; volumes without that field (4.2BSD format, Solaris) mark
   * an in-inode target by holding no blocks (4.4BSD-Lite ufs_readlink).
   */
  boolean fastSymlink(UfsSuperblock sb) {
    if (sb.maxSymlinkLen() > 0) {
      return size < sb.maxSymlinkLen();
    }
    return blocks == 0 && size <= shortLink.length;
  }

  String where() {
    return "inode " + ino + " at byte 0x" + Long.toHexString(diskOffset);
  }
}
