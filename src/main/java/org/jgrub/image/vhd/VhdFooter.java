package org.jgrub.image.vhd;

import java.io.IOException;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * A VHD footer (Microsoft "Virtual Hard Disk Image Format Specification" 1.0, "Hard Disk Footer
 * Format"): 512 big-endian bytes at the end of every VHD, repeated at byte 0 of dynamic and
 * differencing ones.
 */
record VhdFooter(int type, long dataOffset, long size, byte[] uniqueId) {
  static final int LENGTH = 512;
  static final String COOKIE = "conectix";
  static final int OFF_VERSION = 12;
  static final int OFF_DATA_OFFSET = 16;
  static final int OFF_CREATOR_APP = 28;
  static final int OFF_CURRENT_SIZE = 48;
  static final int OFF_GEOMETRY = 56;
  static final int OFF_TYPE = 60;
  static final int OFF_CHECKSUM = 64;
  static final int OFF_UNIQUE_ID = 68;
  static final int TYPE_FIXED = 2;
  static final int TYPE_DYNAMIC = 3;
  static final int TYPE_DIFFERENCING = 4;
  /** The largest CHS geometry: images this big give their size in current_size only. */
  static final long MAX_GEOMETRY_SECTORS = 65535L * 16 * 255;

  static VhdFooter parse(ByteView f, String name) throws IOException {
    long sum = checksum(f, OFF_CHECKSUM);
    if (sum != f.u32be(OFF_CHECKSUM)) {
      throw f.corrupt("checksum 0x" + Long.toHexString(f.u32be(OFF_CHECKSUM)) + ", computed 0x"
          + Long.toHexString(sum));
    }
    long version = f.u32be(OFF_VERSION);
    if (version >>> 16 != 1) {
      throw new UnsupportedFeatureException(name + ": VHD format version 0x"
          + Long.toHexString(version));
    }
    int type = (int) f.u32be(OFF_TYPE);
    if (type != TYPE_FIXED && type != TYPE_DYNAMIC && type != TYPE_DIFFERENCING) {
      throw new UnsupportedFeatureException(name + ": VHD disk type " + type
          + " (jgrub reads fixed, dynamic and differencing disks)");
    }
    long current = f.u64be(OFF_CURRENT_SIZE);
    if (current < 0) {
      throw f.corrupt("current size " + Long.toUnsignedString(current));
    }
    return new VhdFooter(type, f.u64be(OFF_DATA_OFFSET), virtualSize(f, current),
        f.bytes(OFF_UNIQUE_ID, 16));
  }

  /**
   * The disk's size as qemu reads it (block/vpc.c): Virtual PC and qemu's own "qemu" images
   * round the size to their CHS geometry, which is then the size; Hyper-V ("win "), Disk2vhd,
   * XenServer ("tap\0"), XenConverter and qemu with force_size ("qem2") store the exact size in
   * current_size, which is also used when the geometry is the largest possible.
   */
  private static long virtualSize(ByteView f, long current) throws CorruptDataException {
    String app = f.string(OFF_CREATOR_APP, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    boolean chs = !app.equals("win ") && !app.equals("qem2") && !app.equals("d2v ")
        && !app.equals("CTXS") && !app.equals("tap\0");
    long sectors = (long) f.u16be(OFF_GEOMETRY) * f.u8(OFF_GEOMETRY + 2) * f.u8(OFF_GEOMETRY + 3);
    if (!chs || sectors == MAX_GEOMETRY_SECTORS) {
      return current / 512 * 512;
    }
    return sectors * 512;
  }

  /** The ones' complement of the byte sum of the structure, the checksum field counted as 0. */
  static long checksum(ByteView v, int checksumOff) throws CorruptDataException {
    long sum = 0;
    for (int i = 0; i < v.length(); i++) {
      if (i < checksumOff || i >= checksumOff + 4) {
        sum += v.u8(i);
      }
    }
    return ~sum & 0xffffffffL;
  }
}
