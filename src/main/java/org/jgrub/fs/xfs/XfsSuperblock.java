package org.jgrub.fs.xfs;

import java.io.IOException;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The XFS superblock (xfs_format.h, struct xfs_dsb) at byte 0 of the volume, big-endian, with the
 * geometry checks every later calculation relies on.
 */
record XfsSuperblock(
    int blockSize,
    int blockLog,
    long dataBlocks,
    byte[] uuid,
    long rootIno,
    long agBlocks,
    long agCount,
    int version,
    int sectorSize,
    int inodeSize,
    int inodeLog,
    int inodesPerBlockLog,
    int agBlockLog,
    int dirBlockLog,
    String label,
    boolean v5,
    boolean ftype,
    boolean nrext64) {

  static final long MAGIC = 0x58465342L; // "XFSB"
  static final int OFF_MAGIC = 0;
  static final int OFF_BLOCKSIZE = 4;
  static final int OFF_DBLOCKS = 8;
  static final int OFF_UUID = 32;
  static final int OFF_ROOTINO = 56;
  static final int OFF_AGBLOCKS = 84;
  static final int OFF_AGCOUNT = 88;
  static final int OFF_VERSIONNUM = 100;
  static final int OFF_SECTSIZE = 102;
  static final int OFF_INODESIZE = 104;
  static final int OFF_INOPBLOCK = 106;
  static final int OFF_FNAME = 108;
  static final int FNAME_LEN = 12;
  static final int OFF_BLOCKLOG = 120;
  static final int OFF_SECTLOG = 121;
  static final int OFF_INODELOG = 122;
  static final int OFF_INOPBLOG = 123;
  static final int OFF_AGBLKLOG = 124;
  static final int OFF_FDBLOCKS = 144;
  static final int OFF_DIRBLKLOG = 192;
  static final int OFF_FEATURES2 = 200;
  static final int OFF_RO_COMPAT = 212;
  static final int OFF_INCOMPAT = 216;
  static final int OFF_CRC = 224;
  /** The largest sector size mkfs.xfs allows (XFS_MAX_SECTORSIZE). */
  static final int MAX_SECTOR = 32768;
  /** Dir block size limit (XFS_MAX_BLOCKSIZE): mkfs.xfs -n size= allows up to 64 KiB. */
  static final int MAX_DIR_BLOCK = 65536;

  /** Reads the superblock; null when the magic is absent. */
  static XfsSuperblock read(BlockDevice dev) throws IOException {
    if (dev.size() < 512) {
      return null;
    }
    ByteView head = ByteView.read(dev, 0, 512, "xfs superblock");
    if (head.u32be(OFF_MAGIC) != MAGIC) {
      return null;
    }
    int sectSize = head.u16be(OFF_SECTSIZE);
    int sectLog = head.u8(OFF_SECTLOG);
    if (sectLog < 9 || sectLog > 15 || sectSize != 1 << sectLog) {
      throw head.corrupt("bad sector size " + sectSize + " (log " + sectLog + ")");
    }
    dev.checkRange(0, sectSize, "xfs superblock");
    byte[] raw = dev.read(0, sectSize);
    ByteView v = ByteView.of(raw, "xfs superblock", 0);
    int version = v.u16be(OFF_VERSIONNUM);
    int vnum = version & XfsFeatures.VERSION_NUMBITS;
    boolean v5;
    if (vnum == 5) {
      v5 = true;
    } else if (vnum == 4) {
      v5 = false;
    } else {
      throw new org.jgrub.io.UnsupportedFeatureException(
          "xfs: superblock version " + vnum + " (only 4 and 5 are read)");
    }
    long features2 = v.u32be(OFF_FEATURES2);
    boolean ftype;
    if (v5) {
      XfsCrc.verify(raw, sectSize, OFF_CRC, "superblock", 0);
      long incompat = v.u32be(OFF_INCOMPAT);
      XfsFeatures.checkV5(incompat);
      ftype = (incompat & XfsFeatures.IN_FTYPE) != 0;
    } else {
      if ((features2 & XfsFeatures.F2_CRC) != 0) {
        throw v.corrupt("a version 4 superblock with the CRC bit set");
      }
      XfsFeatures.checkV4(version, features2);
      ftype =
          (version & XfsFeatures.VERSION_MOREBITSBIT) != 0
              && (features2 & XfsFeatures.F2_FTYPE) != 0;
    }
    boolean nrext64 = v5 && (v.u32be(OFF_INCOMPAT) & XfsFeatures.IN_NREXT64) != 0;

    long blockSize = v.u32be(OFF_BLOCKSIZE);
    int blockLog = v.u8(OFF_BLOCKLOG);
    // mkfs.xfs: 512..65536 bytes (v5: from 1024), a power of two.
    if (blockLog < 9 || blockLog > 16 || blockSize != 1L << blockLog) {
      throw v.corrupt("bad block size " + blockSize + " (log " + blockLog + ")");
    }
    if (sectSize > blockSize) {
      throw v.corrupt("sector size " + sectSize + " above block size " + blockSize);
    }
    int inodeSize = v.u16be(OFF_INODESIZE);
    int inodeLog = v.u8(OFF_INODELOG);
    // xfs_format.h: XFS_DINODE_MIN_LOG 8 .. XFS_DINODE_MAX_LOG 11.
    if (inodeLog < 8 || inodeLog > 11 || inodeSize != 1 << inodeLog || inodeSize > blockSize) {
      throw v.corrupt("bad inode size " + inodeSize + " (log " + inodeLog + ")");
    }
    if (v5 && inodeSize < 512) {
      throw v.corrupt("a version 5 filesystem with " + inodeSize + "-byte inodes");
    }
    int inopbLog = v.u8(OFF_INOPBLOG);
    if (inopbLog != blockLog - inodeLog || v.u16be(OFF_INOPBLOCK) != 1 << inopbLog) {
      throw v.corrupt("inodes per block does not match block and inode sizes");
    }
    long agBlocks = v.u32be(OFF_AGBLOCKS);
    long agCount = v.u32be(OFF_AGCOUNT);
    int agBlkLog = v.u8(OFF_AGBLKLOG);
    if (agBlocks < 1 || agCount < 1 || agBlkLog > 31 || agBlocks > 1L << agBlkLog
        || (agBlkLog > 0 && agBlocks <= 1L << (agBlkLog - 1))) {
      throw v.corrupt(
          "bad allocation group geometry (" + agCount + " groups of " + agBlocks
              + " blocks, log " + agBlkLog + ")");
    }
    long dblocks = v.u64be(OFF_DBLOCKS);
    if (dblocks <= 0
        || dblocks > Math.multiplyExact(agBlocks, agCount)
        || dblocks <= Math.multiplyExact(agBlocks, agCount - 1)) {
      throw v.corrupt("data block count " + dblocks + " does not match the allocation groups");
    }
    int dirBlkLog = v.u8(OFF_DIRBLKLOG);
    if (blockLog + dirBlkLog > 16) {
      throw v.corrupt("directory block size above " + MAX_DIR_BLOCK + " bytes");
    }
    String label = v.cstring(OFF_FNAME, FNAME_LEN, java.nio.charset.StandardCharsets.UTF_8);
    return new XfsSuperblock(
        (int) blockSize,
        blockLog,
        dblocks,
        v.bytes(OFF_UUID, 16),
        v.u64be(OFF_ROOTINO),
        agBlocks,
        agCount,
        version,
        sectSize,
        inodeSize,
        inodeLog,
        inopbLog,
        agBlkLog,
        dirBlkLog,
        label,
        v5,
        ftype,
        nrext64);
  }

  int dirBlockSize() {
    return blockSize << dirBlockLog;
  }

  /**
   * The byte offset of filesystem block {@code fsb} (agno in the high bits above agblklog, as in
   * XFS_FSB_TO_DADDR); throws when it lies outside the data section.
   */
  long fsbToByte(long fsb, String what) throws CorruptDataException {
    long agno = fsb >>> agBlockLog;
    long agbno = fsb & ((1L << agBlockLog) - 1);
    if (fsb < 0 || agno >= agCount || agbno >= agBlocks) {
      throw new CorruptDataException(
          "xfs: " + what + ": block number 0x" + Long.toHexString(fsb)
              + " outside the allocation groups");
    }
    long linear = agno * agBlocks + agbno;
    if (linear >= dataBlocks) {
      throw new CorruptDataException(
          "xfs: " + what + ": block " + linear + " past the end of the data section");
    }
    return linear << blockLog;
  }

  /** The byte offset of inode {@code ino} (XFS_INO_TO_AGNO/AGBNO/OFFSET). */
  long inodeToByte(long ino) throws CorruptDataException {
    int relLog = agBlockLog + inodesPerBlockLog;
    long agno = relLog >= 63 ? 0 : ino >>> relLog;
    long agbno = (ino >>> inodesPerBlockLog) & ((1L << agBlockLog) - 1);
    long offset = ino & ((1L << inodesPerBlockLog) - 1);
    if (ino <= 0 || agno >= agCount || agbno >= agBlocks) {
      throw new CorruptDataException("xfs: inode number " + ino + " outside the filesystem");
    }
    long linear = agno * agBlocks + agbno;
    if (linear >= dataBlocks) {
      throw new CorruptDataException("xfs: inode number " + ino + " past the end of the data");
    }
    return (linear << blockLog) + (offset << inodeLog);
  }
}
