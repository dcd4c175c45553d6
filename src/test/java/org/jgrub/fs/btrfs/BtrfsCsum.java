package org.jgrub.fs.btrfs;

import java.util.zip.CRC32C;

/** btrfs checksum helpers for tests that damage a block and keep its checksum valid. */
final class BtrfsCsum {
  private BtrfsCsum() {}

  /** Rewrites the crc32c (or xxhash64) of a block or superblock so only the damage remains. */
  static byte[] fixCsum(byte[] block, int csumType) {
    for (int i = 0; i < 32; i++) {
      block[i] = 0;
    }
    long v;
    int n;
    if (csumType == BtrfsChecksum.CRC32C) {
      CRC32C c = new CRC32C();
      c.update(block, 32, block.length - 32);
      v = c.getValue();
      n = 4;
    } else if (csumType == BtrfsChecksum.XXHASH64) {
      v = XxHash64.hash(block, 32, block.length - 32, 0);
      n = 8;
    } else {
      try {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(block, 32, block.length - 32);
        System.arraycopy(md.digest(), 0, block, 0, 32);
        return block;
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
    for (int i = 0; i < n; i++) {
      block[i] = (byte) (v >>> (8 * i));
    }
    return block;
  }

  static void putLe(byte[] b, int off, long v, int n) {
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
