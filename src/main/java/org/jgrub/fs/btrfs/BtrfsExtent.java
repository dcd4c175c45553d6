package org.jgrub.fs.btrfs;

import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * One EXTENT_DATA item (struct btrfs_file_extent_item): inline data in the leaf, or a regular or
 * preallocated extent of {@code numBytes} file bytes taken from {@code offset} into the (possibly
 * compressed) on-disk extent at logical {@code diskBytenr}; a zero address is a hole.
 */
record BtrfsExtent(
    long fileOffset,
    int type,
    int compression,
    long ramBytes,
    ByteView inline,
    long diskBytenr,
    long diskNumBytes,
    long offset,
    long numBytes) {
  static final int TYPE_INLINE = 0;
  static final int TYPE_REG = 1;
  static final int TYPE_PREALLOC = 2;
  static final int COMPRESS_NONE = 0;
  static final int COMPRESS_ZLIB = 1;
  static final int COMPRESS_LZO = 2;
  static final int COMPRESS_ZSTD = 3;
  static final int OFF_RAM_BYTES = 8;
  static final int OFF_COMPRESSION = 16;
  static final int OFF_ENCRYPTION = 17;
  static final int OFF_OTHER_ENCODING = 18;
  static final int OFF_TYPE = 20;
  static final int OFF_INLINE_DATA = 21;
  static final int OFF_DISK_BYTENR = 21;
  static final int OFF_DISK_NUM_BYTES = 29;
  static final int OFF_OFFSET = 37;
  static final int OFF_NUM_BYTES = 45;
  static final int REG_SIZE = 53;

  static BtrfsExtent parse(ByteView v, long fileOffset) throws CorruptDataException,
      UnsupportedFeatureException {
    int type = v.u8(OFF_TYPE);
    int comp = v.u8(OFF_COMPRESSION);
    if (v.u8(OFF_ENCRYPTION) != 0 || v.u16le(OFF_OTHER_ENCODING) != 0) {
      throw new UnsupportedFeatureException(
          "btrfs: encrypted or otherwise encoded extent (" + v.what() + ")");
    }
    if (comp > COMPRESS_ZSTD) {
      throw new UnsupportedFeatureException("btrfs: compression type " + comp + " in " + v.what());
    }
    long ram = v.u64le(OFF_RAM_BYTES);
    if (fileOffset < 0 || ram < 0) {
      throw v.corrupt("negative offset or size");
    }
    if (type == TYPE_INLINE) {
      if (fileOffset != 0) {
        throw v.corrupt("inline extent at file offset " + fileOffset);
      }
      ByteView data = v.slice(OFF_INLINE_DATA, v.length() - OFF_INLINE_DATA, v.what() + " data");
      if (comp == COMPRESS_NONE && ram != data.length()) {
        // ram_bytes of an uncompressed inline extent is its length (btrfs_file_extent_inline_len).
        ram = data.length();
      }
      return new BtrfsExtent(0, type, comp, ram, data, 0, 0, 0, ram);
    }
    if (type != TYPE_REG && type != TYPE_PREALLOC) {
      throw v.corrupt("extent type " + type);
    }
    v.check(0, REG_SIZE);
    long disk = v.u64le(OFF_DISK_BYTENR);
    long diskLen = v.u64le(OFF_DISK_NUM_BYTES);
    long off = v.u64le(OFF_OFFSET);
    long num = v.u64le(OFF_NUM_BYTES);
    if (disk < 0 || diskLen < 0 || off < 0 || num <= 0 || fileOffset + num < fileOffset) {
      throw v.corrupt("extent fields out of range");
    }
    return new BtrfsExtent(fileOffset, type, comp, ram, null, disk, diskLen, off, num);
  }

  long end() {
    return fileOffset + numBytes;
  }

  boolean isHole() {
    return type == TYPE_PREALLOC || (type == TYPE_REG && diskBytenr == 0);
  }

  /** Read straight from the device (uncompressed regular data, or zeros). */
  boolean isPlain() {
    return type != TYPE_INLINE && (compression == COMPRESS_NONE || isHole());
  }
}
