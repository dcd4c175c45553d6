package org.jgrub.fs.xfs;

import java.util.zip.CRC32C;
import org.jgrub.io.ByteView;
import org.jgrub.io.CorruptDataException;

/**
 * The CRC32C that protects v5 XFS metadata: computed over the whole structure with its own CRC
 * field taken as zero, stored little-endian (xfs_cksum.h: xfs_start_cksum_safe/xfs_end_cksum).
 */
final class XfsCrc {
  private XfsCrc() {}

  private static final byte[] ZERO4 = new byte[4];

  /** Throws unless the CRC stored at {@code crcOff} of {@code b[0, len)} matches. */
  static void verify(byte[] b, int len, int crcOff, String what, long diskOffset)
      throws CorruptDataException {
    ByteView v = ByteView.of(b, what, diskOffset);
    v.check(0, len);
    v.check(crcOff, 4);
    long stored = v.u32le(crcOff);
    CRC32C c = new CRC32C();
    c.update(b, 0, crcOff);
    c.update(ZERO4, 0, 4);
    c.update(b, crcOff + 4, len - crcOff - 4);
    if (c.getValue() != stored) {
      throw new CorruptDataException(
          "xfs: " + what + ": CRC mismatch (stored 0x" + Long.toHexString(stored)
              + ", computed 0x" + Long.toHexString(c.getValue()) + ") at byte 0x"
              + Long.toHexString(diskOffset));
    }
  }
}
