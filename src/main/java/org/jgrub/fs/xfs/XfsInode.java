package org.jgrub.fs.xfs;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jgrub.fs.Attributes;
import org.jgrub.fs.Node;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * An on-disk inode (xfs_format.h, struct xfs_dinode): the core fields jgrub needs and a view of
 * the data fork. Versions 1 and 2 have a 100-byte core, version 3 (v5 filesystems) 176 bytes with
 * a CRC, its own inode number and the 64-bit extent counter.
 */
final class XfsInode implements Node {
  static final int MAGIC = 0x494e; // "IN"
  static final int OFF_MAGIC = 0;
  static final int OFF_MODE = 2;
  static final int OFF_VERSION = 4;
  static final int OFF_FORMAT = 5;
  static final int OFF_ONLINK = 6;
  static final int OFF_UID = 8;
  static final int OFF_GID = 12;
  static final int OFF_NLINK = 16;
  static final int OFF_ATIME = 32;
  static final int OFF_MTIME = 40;
  static final int OFF_CTIME = 48;
  static final int OFF_BIG_NEXTENTS = 24;
  static final int OFF_SIZE = 56;
  static final int OFF_NEXTENTS = 76;
  static final int OFF_FORKOFF = 82;
  static final int OFF_FLAGS = 90;
  static final int OFF_CRC = 100;
  static final int OFF_FLAGS2 = 120;
  static final int OFF_INO = 152;
  static final int CORE_V2 = 100;
  static final int CORE_V3 = 176;

  static final int FMT_DEV = 0;
  static final int FMT_LOCAL = 1;
  static final int FMT_EXTENTS = 2;
  static final int FMT_BTREE = 3;

  static final int DIFLAG_REALTIME = 0x1;
  static final long DIFLAG2_NREXT64 = 0x10;
  static final long DIFLAG2_BIGTIME = 0x8;
  /** A bigtime stamp counts nanoseconds from this many seconds before the Unix epoch. */
  static final long BIGTIME_EPOCH_OFFSET = 1L << 31;


  final long ino;
  final int mode;
  final int format;
  final long size;
  final long nextents;
  final boolean realtime;
  /** The data fork: from the end of the core to the attribute fork (or the inode's end). */
  final ByteView dataFork;
  /** The whole inode, for the attributes read on demand. */
  private final ByteView raw;
  /** The data fork's extents, read on first use. */
  List<XfsExtent> extents;

  private XfsInode(long ino, int mode, int format, long size, long nextents, boolean realtime,
      ByteView dataFork, ByteView raw) {
    this.raw = raw;
    this.ino = ino;
    this.mode = mode;
    this.format = format;
    this.size = size;
    this.nextents = nextents;
    this.realtime = realtime;
    this.dataFork = dataFork;
  }

  static XfsInode read(BlockDevice dev, XfsSuperblock sb, long ino) throws IOException {
    long at = sb.inodeToByte(ino);
    dev.checkRange(at, sb.inodeSize(), "xfs inode " + ino);
    byte[] raw = dev.read(at, sb.inodeSize());
    ByteView v = ByteView.of(raw, "xfs inode " + ino, at);
    if (v.u16be(OFF_MAGIC) != MAGIC) {
      throw v.corrupt("bad magic 0x" + Integer.toHexString(v.u16be(OFF_MAGIC)));
    }
    int version = v.u8(OFF_VERSION);
    int core;
    if (sb.v5()) {
      if (version != 3) {
        throw v.corrupt("version " + version + " inode on a version 5 filesystem");
      }
      XfsCrc.verify(raw, raw.length, OFF_CRC, "inode " + ino, at);
      if (v.u64be(OFF_INO) != ino) {
        throw v.corrupt("records inode number " + v.u64be(OFF_INO) + ", not " + ino);
      }
      core = CORE_V3;
    } else {
      if (version != 1 && version != 2) {
        throw v.corrupt("version " + version + " inode on a version 4 filesystem");
      }
      core = CORE_V2;
    }
    int mode = v.u16be(OFF_MODE);
    int format = v.u8(OFF_FORMAT);
    long size = v.u64be(OFF_SIZE);
    if (size < 0) {
      throw v.corrupt("negative size");
    }
    boolean big = version == 3 && (v.u64be(OFF_FLAGS2) & DIFLAG2_NREXT64) != 0;
    if (big && !sb.nrext64()) {
      throw v.corrupt("64-bit extent counter without the nrext64 feature");
    }
    long nextents = big ? v.u64be(OFF_BIG_NEXTENTS) : v.u32be(OFF_NEXTENTS);
    if (nextents < 0) {
      throw v.corrupt("extent count out of range");
    }
    int forkoff = v.u8(OFF_FORKOFF);
    int forkEnd = forkoff == 0 ? raw.length : core + forkoff * 8;
    if (forkEnd > raw.length || forkEnd <= core) {
      throw v.corrupt("attribute fork offset " + forkoff + " outside the inode");
    }
    boolean rt = (v.u16be(OFF_FLAGS) & DIFLAG_REALTIME) != 0;
    return new XfsInode(ino, mode, format, size, nextents, rt,
        v.slice(core, forkEnd - core, "xfs inode " + ino + " data fork"), v);
  }

  @Override
  public Kind kind() {
    return Node.kindOfMode(mode);
  }

  @Override
  public long size() {
    return size;
  }

  /** Mode, owner, link count (di_onlink on a version 1 inode) and the three times. */
  @Override
  public Attributes attributes() throws CorruptDataException {
    int version = raw.u8(OFF_VERSION);
    long nlink = version == 1 ? raw.u16be(OFF_ONLINK) : raw.u32be(OFF_NLINK);
    boolean big = version == 3 && (raw.u64be(OFF_FLAGS2) & DIFLAG2_BIGTIME) != 0;
    return Attributes.posix(mode, raw.u32be(OFF_UID), raw.u32be(OFF_GID), nlink,
        time(OFF_MTIME, big), time(OFF_ATIME, big), time(OFF_CTIME, big));
  }

  /**
   * xfs_timestamp_t: legacy, signed 32-bit seconds and nanoseconds; with bigtime, one unsigned
   * 64-bit count of nanoseconds from 2^31 seconds before the epoch (xfs_format.h).
   */
  private Instant time(int at, boolean bigtime) throws CorruptDataException {
    if (bigtime) {
      long ns = raw.u64be(at);
      return Attributes.time(
          Long.divideUnsigned(ns, 1_000_000_000L) - BIGTIME_EPOCH_OFFSET,
          Long.remainderUnsigned(ns, 1_000_000_000L));
    }
    return Attributes.time(raw.s32be(at), raw.s32be(at + 4));
  }

  /** Realtime data lives on a separate device that a guest image does not carry. */
  void requireDataDevice() throws UnsupportedFeatureException {
    if (realtime) {
      throw new UnsupportedFeatureException(
          "xfs: inode " + ino + " keeps its data on the realtime device, which jgrub does not "
              + "read");
    }
  }

  CorruptDataException corrupt(String message) {
    return dataFork.corrupt(message);
  }
}
