package org.jgrub.fs.btrfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The metadata checksum named by the superblock's csum_type: crc32c (0), xxhash64 (1) and
 * sha256 (2) are verified; blake2b (3) is refused because the JDK has no BLAKE2b and no
 * dependency on the class path provides one.
 */
final class BtrfsChecksum {
  static final int CRC32C = 0;
  static final int XXHASH64 = 1;
  static final int SHA256 = 2;
  static final int BLAKE2B = 3;
  /** Checksums are stored in a 32-byte field at the start of each block. */
  static final int FIELD = 32;

  private final int type;

  private BtrfsChecksum(int type) {
    this.type = type;
  }

  static BtrfsChecksum of(int type) throws UnsupportedFeatureException {
    if (type == BLAKE2B) {
      throw new UnsupportedFeatureException("btrfs: blake2b checksums are not supported");
    }
    if (type != CRC32C && type != XXHASH64 && type != SHA256) {
      throw new UnsupportedFeatureException("btrfs: unknown checksum type " + type);
    }
    return new BtrfsChecksum(type);
  }

  String name() {
    return switch (type) {
      case CRC32C -> "crc32c";
      case XXHASH64 -> "xxhash64";
      default -> "sha256";
    };
  }

  /** Throws unless the checksum of {@code b[FIELD, len)} equals {@code b[0, size)}. */
  void verify(byte[] b, int len, String what, long diskOffset) throws CorruptDataException {
    byte[] want = compute(b, FIELD, len - FIELD);
    for (int i = 0; i < want.length; i++) {
      if (b[i] != want[i]) {
        throw new CorruptDataException(
            "btrfs: " + what + ": " + name() + " checksum mismatch at byte 0x"
                + Long.toHexString(diskOffset));
      }
    }
  }

  private byte[] compute(byte[] b, int off, int len) {
    switch (type) {
      case CRC32C -> {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return le((int) c.getValue(), 4);
      }
      case XXHASH64 -> {
        return le(XxHash64.hash(b, off, len, 0), 8);
      }
      default -> {
        try {
          MessageDigest md = MessageDigest.getInstance("SHA-256");
          md.update(b, off, len);
          return md.digest();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
      }
    }
  }

  private static byte[] le(long v, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (v >>> (8 * i));
    }
    return out;
  }
}
