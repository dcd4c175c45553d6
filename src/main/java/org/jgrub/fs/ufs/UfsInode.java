package org.jgrub.fs.ufs;

import java.time.Instant;
import org.jgrub.fs.Attributes;
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
 * @param attributes mode, owner, link count and times
 */
record UfsInode(
    long ino,
    int mode,
    long size,
    long blocks,
    long[] direct,
    long[] indirect,
    byte[] shortLink,
    long diskOffset,
    Attributes attributes)
    implements Node {

  static final int NDADDR = 12;
  static final int NIADDR = 3;

  static final int IFMT = 0170000;
  static final int IFDIR = 0040000;
  static final int IFREG = 0100000;
  static final int IFLNK = 0120000;

  // struct ufs1_dinode (4.4BSD); Solaris's struct icommon shares the first 112 bytes but counts
  // microseconds and keeps 32-bit ids at 116/120 (Linux fs/ufs/util.h, UFS_UID_EFT).
  private static final int UFS1_NLINK = 2;
  private static final int UFS1_OLD_UID = 4;
  private static final int UFS1_OLD_GID = 6;
  private static final int UFS1_ATIME = 16;
  private static final int UFS1_MTIME = 24;
  private static final int UFS1_CTIME = 32;
  private static final int UFS1_UID = 112;
  private static final int UFS1_GID = 116;
  private static final int SUN_UID = 116;
  private static final int SUN_GID = 120;
  private static final int UFS1_MODE = 0;
  private static final int UFS1_SIZE = 8;
  private static final int UFS1_DB = 40;
  private static final int UFS1_IB = 88;
  private static final int UFS1_BLOCKS = 104;
  // struct ufs2_dinode
  private static final int UFS2_NLINK = 2;
  private static final int UFS2_UID = 4;
  private static final int UFS2_GID = 8;
  private static final int UFS2_ATIME = 32;
  private static final int UFS2_MTIME = 40;
  private static final int UFS2_CTIME = 48;
  private static final int UFS2_MTIMENSEC = 64;
  private static final int UFS2_ATIMENSEC = 68;
  private static final int UFS2_CTIMENSEC = 72;
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
    return new UfsInode(ino, mode, size, blocks, db, ib, link, v.diskOffset(0),
        attributes(v, mode, sb));
  }

  private static Attributes attributes(ByteView v, int mode, UfsSuperblock sb)
      throws CorruptDataException {
    boolean be = sb.bigEndian();
    int nlink = v.u16(sb.ufs2() ? UFS2_NLINK : UFS1_NLINK, be);
    if (sb.ufs2()) {
      return Attributes.posix(mode, v.u32(UFS2_UID, be), v.u32(UFS2_GID, be), nlink,
          Attributes.time(v.u64(UFS2_MTIME, be), v.u32(UFS2_MTIMENSEC, be)),
          Attributes.time(v.u64(UFS2_ATIME, be), v.u32(UFS2_ATIMENSEC, be)),
          Attributes.time(v.u64(UFS2_CTIME, be), v.u32(UFS2_CTIMENSEC, be)));
    }
    boolean sun = !sb.bsdDirs();
    long uid;
    long gid;
    if (sun) {
      uid = v.u16(UFS1_OLD_UID, be) == 0xffff ? v.u32(SUN_UID, be) : v.u16(UFS1_OLD_UID, be);
      gid = v.u16(UFS1_OLD_GID, be) == 0xffff ? v.u32(SUN_GID, be) : v.u16(UFS1_OLD_GID, be);
    } else {
      uid = v.u32(UFS1_UID, be);
      gid = v.u32(UFS1_GID, be);
    }
    long scale = sun ? 1000 : 1;
    return Attributes.posix(mode, uid, gid, nlink,
        time(v, UFS1_MTIME, be, scale), time(v, UFS1_ATIME, be, scale),
        time(v, UFS1_CTIME, be, scale));
  }

  /** A UFS1 time: signed 32-bit seconds and a 32-bit fraction (ns in 4.4BSD, µs on Solaris). */
  private static Instant time(ByteView v, int at, boolean be, long scale)
      throws CorruptDataException {
    return Attributes.time((int) v.u32(at, be), v.u32(at + 4, be) * scale);
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
