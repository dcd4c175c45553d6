package org.jgrub.fs.ext;

import java.util.zip.CRC32C;

/**
 * Helpers that damage a copy of a real image at offsets read from the image itself: superblock
 * fields (then the superblock checksum is recomputed where metadata_csum is on, so the test hits
 * the check it means to, not the checksum).
 */
final class ExtDamage {
  private ExtDamage() {}

  static final int SB = 1024;

  static long u32(byte[] b, long at) {
    int i = (int) at;
    return (b[i] & 0xffL) | (b[i + 1] & 0xffL) << 8 | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24;
  }

  static int u16(byte[] b, long at) {
    int i = (int) at;
    return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
  }

  static void put32(byte[] b, long at, long v) {
    int i = (int) at;
    for (int k = 0; k < 4; k++) {
      b[i + k] = (byte) (v >>> (8 * k));
    }
  }

  static void put16(byte[] b, long at, int v) {
    b[(int) at] = (byte) v;
    b[(int) at + 1] = (byte) (v >>> 8);
  }

  static void setIncompat(byte[] img, int bit) {
    int at = SB + Superblock.S_FEATURE_INCOMPAT;
    put32(img, at, u32(img, at) | bit);
    fixCrc(img);
  }

  static void clearIncompat(byte[] img, int bit) {
    int at = SB + Superblock.S_FEATURE_INCOMPAT;
    put32(img, at, u32(img, at) & ~bit);
    fixCrc(img);
  }

  /** Recomputes the superblock crc32c when metadata_csum is on. */
  static void fixCrc(byte[] img) {
    if ((u32(img, SB + Superblock.S_FEATURE_RO_COMPAT) & Features.RO_COMPAT_METADATA_CSUM) == 0) {
      return;
    }
    CRC32C c = new CRC32C();
    c.update(img, SB, Superblock.S_CHECKSUM);
    put32(img, SB + Superblock.S_CHECKSUM, ~c.getValue() & 0xffffffffL);
  }
}
