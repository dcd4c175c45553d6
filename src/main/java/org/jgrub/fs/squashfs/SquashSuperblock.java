package org.jgrub.fs.squashfs;

import org.jgrub.io.BlockDevice;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The 96-byte squashfs 4.0 superblock at byte 0 (struct squashfs_super_block in the kernel's
 * fs/squashfs/squashfs_fs.h), little-endian. Every table start is checked to lie inside the
 * filesystem's {@code bytes_used} and the device, so that later reads need only check lengths.
 */
record SquashSuperblock(
    long inodes,
    int blockSize,
    long fragments,
    int compression,
    int flags,
    long rootInode,
    long bytesUsed,
    long inodeTable,
    long directoryTable,
    long fragmentTable) {
  static final int SIZE = 96;
  /** "hsqs" read as a little-endian u32. */
  static final long MAGIC = 0x73717368L;
  static final int OFF_INODES = 4;
  static final int OFF_BLOCK_SIZE = 12;
  static final int OFF_FRAGMENTS = 16;
  static final int OFF_COMPRESSION = 20;
  static final int OFF_BLOCK_LOG = 22;
  static final int OFF_FLAGS = 24;
  static final int OFF_MAJOR = 28;
  static final int OFF_MINOR = 30;
  static final int OFF_ROOT = 32;
  static final int OFF_BYTES_USED = 40;
  static final int OFF_INODE_TABLE = 64;
  static final int OFF_DIRECTORY_TABLE = 72;
  static final int OFF_FRAGMENT_TABLE = 80;
  /** A table start of all ones means "no such table". */
  static final long ABSENT = -1L;
  static final int FLAG_NO_FRAGMENTS = 0x0010;

  static final int GZIP = 1;
  static final int LZMA = 2;
  static final int LZO = 3;
  static final int XZ = 4;
  static final int LZ4 = 5;
  static final int ZSTD = 6;

  /** Block sizes mksquashfs accepts: 4 KiB to 1 MiB, a power of two (SQUASHFS_FILE_MAX_SIZE). */
  static final int MIN_BLOCK_LOG = 12;
  static final int MAX_BLOCK_LOG = 20;

  static boolean hasMagic(ByteView v) throws CorruptDataException {
    return v.u32le(0) == MAGIC;
  }

  static SquashSuperblock parse(ByteView v, BlockDevice dev) throws CorruptDataException,
      UnsupportedFeatureException {
    int major = v.u16le(OFF_MAJOR);
    int minor = v.u16le(OFF_MINOR);
    if (major != 4 || minor != 0) {
      throw new UnsupportedFeatureException("squashfs on " + dev.describe() + ": version " + major
          + "." + minor + " (only 4.0, written by mksquashfs since 2009, is read)");
    }
    long blockSize = v.u32le(OFF_BLOCK_SIZE);
    int log = v.u16le(OFF_BLOCK_LOG);
    if (log < MIN_BLOCK_LOG || log > MAX_BLOCK_LOG || blockSize != 1L << log) {
      throw v.corrupt("block size " + blockSize + " with block_log " + log
          + " (a power of two from 4 KiB to 1 MiB)");
    }
    int comp = v.u16le(OFF_COMPRESSION);
    switch (comp) {
      case GZIP, LZO, XZ, LZ4, ZSTD -> { }
      case LZMA -> throw new UnsupportedFeatureException("squashfs on " + dev.describe()
          + ": compressor lzma (the legacy LZMA of out-of-tree kernels; neither Linux nor GRUB"
          + " reads it: remake the image with -comp xz)");
      default -> throw v.corrupt("unknown compressor id " + comp);
    }
    long bytesUsed = v.u64le(OFF_BYTES_USED);
    if (bytesUsed < SIZE || bytesUsed > dev.size()) {
      throw v.corrupt("bytes_used " + bytesUsed + " outside the " + dev.size() + "-byte device");
    }
    long inodeTable = table(v, OFF_INODE_TABLE, "inode table", bytesUsed, false);
    long dirTable = table(v, OFF_DIRECTORY_TABLE, "directory table", bytesUsed, false);
    if (dirTable < inodeTable) {
      throw v.corrupt("directory table at " + dirTable + " before the inode table at "
          + inodeTable);
    }
    long fragments = v.u32le(OFF_FRAGMENTS);
    long fragTable = table(v, OFF_FRAGMENT_TABLE, "fragment table", bytesUsed, fragments == 0);
    return new SquashSuperblock(v.u32le(OFF_INODES), (int) blockSize, fragments, comp,
        v.u16le(OFF_FLAGS), v.u64le(OFF_ROOT), bytesUsed, inodeTable, dirTable, fragTable);
  }

  private static long table(ByteView v, int off, String what, long bytesUsed, boolean optional)
      throws CorruptDataException {
    long at = v.u64le(off);
    if (optional && at == ABSENT) {
      return ABSENT;
    }
    if (at < SIZE || at >= bytesUsed) {
      throw v.corrupt(what + " start " + Long.toUnsignedString(at)
          + " outside the filesystem's " + bytesUsed + " bytes (bytes_used)");
    }
    return at;
  }

  String compressorName() {
    return switch (compression) {
      case GZIP -> "gzip";
      case LZO -> "lzo";
      case XZ -> "xz";
      case LZ4 -> "lz4";
      default -> "zstd";
    };
  }
}
