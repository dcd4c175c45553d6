package org.jgrub.fs.zfs;

import org.jgrub.io.UnsupportedFeatureException;

/**
 * Checksums stored inside the block they protect (zio_eck_t: a magic and four words in the block's
 * last 40 bytes): vdev label nvlists, uberblocks and gang headers. The stored words are replaced by
 * a verifier (the device offset, or the gang DVA and birth) before hashing the whole block.
 */
final class EmbeddedChecksum {
  private EmbeddedChecksum() {}

  static final long ZEC_MAGIC = 0x0210da7ab10c7a11L;
  static final int SIZE = 40;

  /**
   * Verifies {@code block} (modified and restored in place). Returns the byte order the block was
   * written in ({@code Boolean.TRUE} big-endian), or null when the magic or the checksum is wrong.
   */
  static Boolean verify(byte[] block, int type, long[] verifier) throws UnsupportedFeatureException {
    int eck = block.length - SIZE;
    long magicLe = Checksum.word64(block, eck, false);
    boolean be;
    if (magicLe == ZEC_MAGIC) {
      be = false;
    } else if (Long.reverseBytes(magicLe) == ZEC_MAGIC) {
      be = true;
    } else {
      return null;
    }
    long[] expected = new long[4];
    for (int i = 0; i < 4; i++) {
      int at = eck + 8 + 8 * i;
      expected[i] = Checksum.word64(block, at, be);
      Checksum.putWord64(block, at, verifier[i], be);
    }
    long[] actual = Checksum.compute(type, block, block.length, be);
    for (int i = 0; i < 4; i++) {
      Checksum.putWord64(block, eck + 8 + 8 * i, expected[i], be);
    }
    for (int i = 0; i < 4; i++) {
      if (expected[i] != actual[i]) {
        return null;
      }
    }
    return be;
  }
}
