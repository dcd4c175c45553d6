package org.jgrub.fs.ufs;

import java.nio.charset.StandardCharsets;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The fields of a UFS1/UFS2 superblock ({@code struct fs}, FreeBSD sys/ufs/ffs/fs.h) that the read
 * path needs, validated against each other so that later arithmetic cannot overflow.
 *
 * @param location byte offset of the superblock on the volume
 * @param ufs2 UFS2 (64-bit pointers, 256-byte inodes) rather than UFS1
 * @param bigEndian byte order of every multi-byte field
 * @param bsize block size in bytes
 * @param fsize fragment size in bytes (the unit of every block pointer)
 * @param frag fragments per block
 * @param ncg number of cylinder groups
 * @param ipg inodes per cylinder group
 * @param fpg fragments per cylinder group
 * @param cblkno fragment offset of the cylinder group header inside a group
 * @param iblkno fragment offset of the inode blocks inside a group
 * @param cgoffset UFS1 cylinder-group rotation offset (fs_old_cgoffset)
 * @param cgmask UFS1 cylinder-group rotation mask (fs_old_cgmask)
 * @param sizeFrags size of the filesystem in fragments
 * @param inopb inodes per block
 * @param nindir block pointers per indirect block
 * @param maxSymlinkLen targets shorter than this are kept in the inode (0: decided by di_blocks)
 * @param bsdDirs 4.4BSD directory entries (8-bit d_type, 8-bit d_namlen) rather than the 4.2BSD /
 *     Solaris form with a 16-bit d_namlen
 * @param clean fs_clean
 * @param flags fs_flags (UFS2) or fs_old_flags (UFS1)
 * @param id fs_id, the identifier blkid and GRUB print as the UUID
 * @param volname fs_volname (UFS2 only; empty otherwise)
 */
record UfsSuperblock(
    long location,
    boolean ufs2,
    boolean bigEndian,
    int bsize,
    int fsize,
    int frag,
    int ncg,
    long ipg,
    long fpg,
    int cblkno,
    int iblkno,
    int cgoffset,
    int cgmask,
    long sizeFrags,
    int inopb,
    int nindir,
    int maxSymlinkLen,
    boolean bsdDirs,
    int clean,
    int flags,
    String id,
    String volname) {

  static final int UFS1_MAGIC = 0x011954;
  static final int UFS2_MAGIC = 0x19540119;
  /** Written by FreeBSD while growfs/tunefs rewrite the superblock: the copy is in transition. */
  static final int BAD_MAGIC = 0x19960408;
  /** Solaris multi-terabyte UFS: a different address arithmetic, not read here. */
  static final int MTB_MAGIC = 0xdecade;

  /** Bytes of {@code struct fs} read (the magic is its last fixed field). */
  static final int SIZE = 1376;

  // Field offsets in struct fs (FreeBSD sys/ufs/ffs/fs.h; Linux fs/ufs/ufs_fs.h agrees).
  static final int FS_CBLKNO = 12;
  static final int FS_IBLKNO = 16;
  static final int FS_OLD_CGOFFSET = 24;
  static final int FS_OLD_CGMASK = 28;
  static final int FS_OLD_SIZE = 36;
  static final int FS_NCG = 44;
  static final int FS_BSIZE = 48;
  static final int FS_FSIZE = 52;
  static final int FS_FRAG = 56;
  static final int FS_NINDIR = 116;
  static final int FS_INOPB = 120;
  static final int FS_ID = 144;
  static final int FS_IPG = 184;
  static final int FS_FPG = 188;
  static final int FS_CLEAN = 209;
  static final int FS_OLD_FLAGS = 211;
  static final int FS_VOLNAME = 680;
  static final int VOLNAME_LEN = 32;
  static final int FS_SBLOCKLOC = 1000;
  static final int FS_SIZE = 1080;
  static final int FS_FLAGS = 1312;
  static final int FS_MAXSYMLINKLEN = 1320;
  static final int FS_OLD_INODEFMT = 1324;
  static final int FS_MAGIC = 1372;

  /** fs_old_inodefmt of a 4.4BSD UFS1: 4.4 directory entries, fs_maxsymlinklen valid. */
  static final int FS_44INODEFMT = 2;
  /** fs_flags bit: gjournal, whose journal lives in the GEOM layer below the filesystem. */
  static final int FS_GJOURNAL = 0x40;
  /** fs_old_flags bit: fs_flags holds the flags (FreeBSD 5+, NetBSD). */
  static final int FS_FLAGS_UPDATED = 0x80;

  static final int UFS1_INODE_SIZE = 128;
  static final int UFS2_INODE_SIZE = 256;
  /** Bytes of di_db[] + di_ib[] where a fast symlink is stored: 15 pointers of 4 or 8 bytes. */
  static final int UFS1_SHORTLINK = 60;

  static final int UFS2_SHORTLINK = 120;
  static final int MIN_BSIZE = 4096;
  static final int MAX_BSIZE = 65536;
  static final int MIN_FSIZE = 512;
  static final int MAX_FRAG = 8;

  int inodeSize() {
    return ufs2 ? UFS2_INODE_SIZE : UFS1_INODE_SIZE;
  }

  int pointerSize() {
    return ufs2 ? 8 : 4;
  }

  /**
   * The byte order whose magic sits at {@link #FS_MAGIC}, or null when neither UFS1 nor UFS2 magic
   * is there in either order.
   */
  static Boolean byteOrder(ByteView v) throws CorruptDataException {
    long le = v.u32le(FS_MAGIC);
    if (le == UFS1_MAGIC || le == UFS2_MAGIC) {
      return Boolean.FALSE;
    }
    long be = v.u32be(FS_MAGIC);
    if (be == UFS1_MAGIC || be == UFS2_MAGIC) {
      return Boolean.TRUE;
    }
    return null;
  }

  /**
   * Whether a magic UFS knows but jgrub does not read is present (either byte order), behind a
   * plausible block size so that stray bytes of another filesystem are not taken for one.
   */
  static String foreignMagic(ByteView v) throws CorruptDataException {
    for (boolean be : new boolean[] {false, true}) {
      long m = v.u32(FS_MAGIC, be);
      int bsize = s32(v, FS_BSIZE, be);
      if (!powerOfTwo(bsize) || bsize < MIN_BSIZE || bsize > MAX_BSIZE) {
        continue;
      }
      if (m == BAD_MAGIC) {
        return "superblock marked bad (fs_magic 0x19960408: growfs or tunefs was interrupted;"
            + " run fsck_ffs in the guest)";
      }
      if (m == MTB_MAGIC) {
        return "Solaris multi-terabyte UFS (fs_magic 0xdecade) is not supported";
      }
    }
    return null;
  }

  /** Parses and validates the superblock found at {@code location}. */
  static UfsSuperblock parse(ByteView v, long location, boolean be)
      throws CorruptDataException, UnsupportedFeatureException {
    boolean ufs2 = v.u32(FS_MAGIC, be) == UFS2_MAGIC;
    int bsize = s32(v, FS_BSIZE, be);
    int fsize = s32(v, FS_FSIZE, be);
    int frag = s32(v, FS_FRAG, be);
    if (!powerOfTwo(bsize) || bsize < MIN_BSIZE || bsize > MAX_BSIZE) {
      throw v.corrupt("block size " + bsize + " is not a power of two in [4096, 65536]");
    }
    if (!powerOfTwo(fsize) || fsize < MIN_FSIZE || fsize > bsize || bsize / fsize > MAX_FRAG) {
      throw v.corrupt("fragment size " + fsize + " does not fit block size " + bsize);
    }
    if (frag != bsize / fsize) {
      throw v.corrupt("fs_frag " + frag + " is not block size / fragment size");
    }
    int ncg = s32(v, FS_NCG, be);
    long ipg = s32(v, FS_IPG, be);
    long fpg = s32(v, FS_FPG, be);
    if (ncg <= 0 || ipg <= 0 || fpg <= 0) {
      throw v.corrupt("cylinder group geometry ncg=" + ncg + " ipg=" + ipg + " fpg=" + fpg);
    }
    if (ipg * ncg > 0xffffffffL) {
      throw v.corrupt(ipg + " inodes in each of " + ncg + " groups exceed 32-bit inode numbers");
    }
    int isize = ufs2 ? UFS2_INODE_SIZE : UFS1_INODE_SIZE;
    int psize = ufs2 ? 8 : 4;
    int inopb = s32(v, FS_INOPB, be);
    int nindir = s32(v, FS_NINDIR, be);
    if (inopb != bsize / isize || nindir != bsize / psize) {
      throw v.corrupt("fs_inopb " + inopb + " / fs_nindir " + nindir + " do not match block size");
    }
    int cblkno = s32(v, FS_CBLKNO, be);
    int iblkno = s32(v, FS_IBLKNO, be);
    long inodeFrags = (ipg + inopb - 1) / inopb * frag;
    if (cblkno < 0 || iblkno < 0 || cblkno >= fpg || iblkno + inodeFrags > fpg) {
      throw v.corrupt("cylinder group header at fragment " + cblkno + " / inodes at " + iblkno
          + " (+" + inodeFrags + ") do not fit a group of " + fpg + " fragments");
    }
    long size = ufs2 ? v.u64(FS_SIZE, be) : v.u32(FS_OLD_SIZE, be);
    if (size <= 0 || size > Long.MAX_VALUE / MAX_BSIZE) {
      throw v.corrupt("filesystem size " + size + " fragments");
    }
    int cgoffset = ufs2 ? 0 : s32(v, FS_OLD_CGOFFSET, be);
    int cgmask = ufs2 ? -1 : s32(v, FS_OLD_CGMASK, be);
    if (cgoffset < 0 || cgoffset >= fpg) {
      throw v.corrupt("fs_old_cgoffset " + cgoffset);
    }
    boolean bsdDirs = ufs2 || s32(v, FS_OLD_INODEFMT, be) == FS_44INODEFMT;
    int maxSym = 0;
    if (bsdDirs) {
      maxSym = s32(v, FS_MAXSYMLINKLEN, be);
      int cap = ufs2 ? UFS2_SHORTLINK : UFS1_SHORTLINK;
      if (maxSym < 0 || maxSym > cap) {
        throw v.corrupt("fs_maxsymlinklen " + maxSym + " exceeds the " + cap + " bytes an inode holds");
      }
    }
    // UFS1 keeps 8 flag bits in fs_old_flags; FreeBSD and NetBSD copy them to the 32-bit
    // fs_flags and say so with FS_FLAGS_UPDATED (Solaris uses neither).
    int oldFlags = v.u8(FS_OLD_FLAGS);
    int flags = ufs2 || (oldFlags & FS_FLAGS_UPDATED) != 0 ? s32(v, FS_FLAGS, be) : oldFlags;
    int clean = v.u8(FS_CLEAN);
    if ((flags & FS_GJOURNAL) != 0 && clean == 0) {
      throw new UnsupportedFeatureException(
          "UFS at byte 0x" + Long.toHexString(location) + ": gjournal volume not cleanly"
              + " unmounted; its journal lives in the GEOM gjournal provider and is not replayed");
    }
    long id0 = v.u32(FS_ID, be);
    long id1 = v.u32(FS_ID + 4, be);
    String id = id0 == 0 && id1 == 0 ? "" : hex8(id0) + hex8(id1);
    String vol = ufs2 ? v.cstring(FS_VOLNAME, VOLNAME_LEN, StandardCharsets.UTF_8) : "";
    return new UfsSuperblock(location, ufs2, be, bsize, fsize, frag, ncg, ipg, fpg, cblkno,
        iblkno, cgoffset, cgmask, size, inopb, nindir, maxSym, bsdDirs, clean, flags, id, vol);
  }

  /** First fragment of cylinder group {@code c} (cgstart: UFS1 groups may be rotated). */
  long cgStart(long c) {
    long base = c * fpg;
    return ufs2 ? base : base + (long) cgoffset * (c & ~(long) cgmask);
  }

  private static int s32(ByteView v, int off, boolean be) throws CorruptDataException {
    return be ? v.s32be(off) : v.s32le(off);
  }

  private static boolean powerOfTwo(int x) {
    return x > 0 && (x & (x - 1)) == 0;
  }

  private static String hex8(long x) {
    String h = Long.toHexString(x);
    return "00000000".substring(h.length()) + h;
  }
}
