package org.jgrub.fs.xfs;

import org.jgrub.io.UnsupportedFeatureException;

/**
 * Which XFS feature bits jgrub reads, which it may safely ignore (each with its reason) and which
 * it refuses. Bit values are those of xfs_format.h (xfsprogs 6.x).
 */
final class XfsFeatures {
  private XfsFeatures() {}

  // sb_versionnum bits (v4 and v5).
  static final int VERSION_NUMBITS = 0x000f;
  static final int VERSION_ATTRBIT = 0x0010;
  static final int VERSION_NLINKBIT = 0x0020;
  static final int VERSION_QUOTABIT = 0x0040;
  static final int VERSION_ALIGNBIT = 0x0080;
  static final int VERSION_DALIGNBIT = 0x0100;
  static final int VERSION_SHAREDBIT = 0x0200;
  static final int VERSION_LOGV2BIT = 0x0400;
  static final int VERSION_SECTORBIT = 0x0800;
  static final int VERSION_EXTFLGBIT = 0x1000;
  static final int VERSION_DIRV2BIT = 0x2000;
  static final int VERSION_BORGBIT = 0x4000;
  static final int VERSION_MOREBITSBIT = 0x8000;

  /**
   * Version bits that do not change how files, directories and links are read: attributes,
   * 32-bit link counts, quotas (separate inodes), inode alignment and stripe alignment (only
   * where things were allocated), the log version and log sector size (the log is never read: a
   * read-only reader does not replay it, as GRUB does not), sector size (validated separately),
   * the unwritten-extent flag (always honoured), version 2 directories (required, the only kind
   * read) and "more bits" (sb_features2 is checked on its own).
   */
  static final int VERSION_READ =
      VERSION_NUMBITS
          | VERSION_ATTRBIT
          | VERSION_NLINKBIT
          | VERSION_QUOTABIT
          | VERSION_ALIGNBIT
          | VERSION_DALIGNBIT
          | VERSION_LOGV2BIT
          | VERSION_SECTORBIT
          | VERSION_EXTFLGBIT
          | VERSION_DIRV2BIT
          | VERSION_MOREBITSBIT;

  // sb_features2 (v4; on v5 these are implied).
  static final long F2_LAZYSBCOUNT = 0x0002;
  static final long F2_ATTR2 = 0x0008;
  static final long F2_PARENT = 0x0010;
  static final long F2_PROJID32 = 0x0080;
  static final long F2_CRC = 0x0100;
  static final long F2_FTYPE = 0x0200;

  /**
   * features2 bits that do not change reading: lazy superblock counters (free-space counts only),
   * attr2 (attribute fork placement: the fork offset is read per inode anyway), 32-bit project
   * ids, CRC (checked against the version number), the file type byte in directory entries (read
   * when set).
   */
  static final long F2_READ = F2_LAZYSBCOUNT | F2_ATTR2 | F2_PROJID32 | F2_CRC | F2_FTYPE;

  // v5 sb_features_ro_compat.
  static final long RO_FINOBT = 0x1;
  static final long RO_RMAPBT = 0x2;
  static final long RO_REFLINK = 0x4;
  static final long RO_INOBTCNT = 0x8;

  // v5 sb_features_incompat.
  static final long IN_FTYPE = 0x1;
  static final long IN_SPINODES = 0x2;
  static final long IN_META_UUID = 0x4;
  static final long IN_BIGTIME = 0x8;
  static final long IN_NEEDSREPAIR = 0x10;
  static final long IN_NREXT64 = 0x20;
  static final long IN_EXCHRANGE = 0x40;
  static final long IN_PARENT = 0x80;
  static final long IN_METADIR = 0x100;

  /**
   * Incompatible features that jgrub reads or may ignore:
   *
   * <ul>
   *   <li>ftype: directory entries carry a file type byte; it is skipped, the inode's mode decides.
   *   <li>sparse inodes: only changes how inode chunks are allocated; inodes are found by number.
   *   <li>meta_uuid: metadata carries a UUID other than sb_uuid; jgrub does not compare block
   *       UUIDs, only CRCs, inode numbers and magics.
   *   <li>bigtime: timestamps beyond 2038; jgrub reads no timestamps.
   *   <li>needsrepair: xfs_repair was interrupted; the kernel refuses to mount, but every
   *       structure jgrub reads is still bounds-, magic- and CRC-checked, so reading the boot
   *       files is safe, and GRUB reads such volumes too.
   *   <li>nrext64: 64-bit extent counters, read from di_big_nextents when the inode says so.
   *   <li>exchange-range: only adds a log item type; the log is never read.
   *   <li>parent pointers: stored as extended attributes, which jgrub does not read; directory
   *       entries are unchanged.
   * </ul>
   *
   * Refused: metadir (a metadata directory tree with its own inode types, not tested here),
   * zoned and anything newer.
   */
  static final long INCOMPAT_READ =
      IN_FTYPE
          | IN_SPINODES
          | IN_META_UUID
          | IN_BIGTIME
          | IN_NEEDSREPAIR
          | IN_NREXT64
          | IN_EXCHRANGE
          | IN_PARENT;

  /**
   * Read-only-compatible features never stop a reader, by definition; jgrub ignores all of them:
   * finobt (free-inode B+tree, used only to allocate inodes), rmapbt (reverse mapping B+tree, used
   * by repair and online scrub), reflink (the refcount B+tree tells a writer which blocks are
   * shared; a reader reads shared extents like any other), inobtcount (B+tree block counters)
   * and any future bit.
   */
  static final String RO_COMPAT_POLICY = "all read-only-compatible features are ignored";

  static void checkV4(int version, long features2) throws UnsupportedFeatureException {
    if ((version & VERSION_DIRV2BIT) == 0) {
      throw new UnsupportedFeatureException("xfs: version 1 directories (no DIRV2 bit)");
    }
    if ((version & VERSION_BORGBIT) != 0) {
      throw new UnsupportedFeatureException("xfs: ascii-ci (case-insensitive names)");
    }
    if ((version & VERSION_SHAREDBIT) != 0) {
      throw new UnsupportedFeatureException("xfs: shared superblock (never implemented by Linux)");
    }
    int unknownVersion = version & ~VERSION_READ;
    if (unknownVersion != 0) {
      throw new UnsupportedFeatureException(
          "xfs: unknown version bits 0x" + Integer.toHexString(unknownVersion));
    }
    if ((version & VERSION_MOREBITSBIT) != 0) {
      long unknown2 = features2 & ~F2_READ;
      if ((unknown2 & F2_PARENT) != 0) {
        throw new UnsupportedFeatureException("xfs: v4 parent pointers (features2 0x10)");
      }
      if (unknown2 != 0) {
        throw new UnsupportedFeatureException(
            "xfs: unknown features2 bits 0x" + Long.toHexString(unknown2));
      }
    }
  }

  static void checkV5(long incompat) throws UnsupportedFeatureException {
    long unknown = incompat & ~INCOMPAT_READ;
    if (unknown != 0) {
      throw new UnsupportedFeatureException(
          "xfs: incompatible feature " + incompatName(unknown) + " (sb_features_incompat 0x"
              + Long.toHexString(incompat) + ")");
    }
  }

  private static String incompatName(long bits) {
    if ((bits & IN_METADIR) != 0) {
      return "'metadir'";
    }
    if ((bits & 0x200) != 0) {
      return "'zoned'";
    }
    return "bits 0x" + Long.toHexString(bits);
  }
}
