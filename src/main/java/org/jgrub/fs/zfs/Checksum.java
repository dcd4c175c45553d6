package org.jgrub.fs.zfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The block checksums jgrub verifies (zio_checksum_table): fletcher2, fletcher4 and SHA-256, each
 * as four 64-bit words. Fletcher sums read the data in the byte order it was written in; SHA-256
 * words are the digest read big-endian whatever the pool's byte order.
 */
final class Checksum {
  private Checksum() {}

  static final int INHERIT = 0;
  static final int ON = 1;
  static final int OFF = 2;
  static final int LABEL = 3;
  static final int GANG_HEADER = 4;
  static final int ZILOG = 5;
  static final int FLETCHER_2 = 6;
  static final int FLETCHER_4 = 7;
  static final int SHA256 = 8;
  static final int ZILOG2 = 9;
  static final int NOPARITY = 10;

  private static final String[] NAMES = {
    "inherit", "on", "off", "label", "gang_header", "zilog", "fletcher2", "fletcher4", "sha256",
    "zilog2", "noparity", "sha512", "skein", "edonr", "blake3"
  };

  static String name(int type) {
    return type >= 0 && type < NAMES.length ? NAMES[type] : "checksum#" + type;
  }

  /** The checksum of {@code data[0, len)}, or throws for algorithms jgrub does not implement. */
  static long[] compute(int type, byte[] data, int len, boolean bigEndian)
      throws UnsupportedFeatureException {
    return switch (type) {
      case FLETCHER_2, ZILOG -> fletcher2(data, len, bigEndian);
      case FLETCHER_4, ZILOG2 -> fletcher4(data, len, bigEndian);
      case SHA256, LABEL, GANG_HEADER -> sha256(data, len);
      default -> throw new UnsupportedFeatureException(
          "ZFS: checksum algorithm " + name(type) + " is not supported");
    };
  }

  static long[] fletcher2(byte[] d, int len, boolean be) {
    long a0 = 0;
    long a1 = 0;
    long b0 = 0;
    long b1 = 0;
    for (int i = 0; i + 16 <= len; i += 16) {
      a0 += word64(d, i, be);
      a1 += word64(d, i + 8, be);
      b0 += a0;
      b1 += a1;
    }
    return new long[] {a0, a1, b0, b1};
  }

  static long[] fletcher4(byte[] d, int len, boolean be) {
    long a = 0;
    long b = 0;
    long c = 0;
    long e = 0;
    for (int i = 0; i + 4 <= len; i += 4) {
      long w = be
          ? ((d[i] & 0xffL) << 24 | (d[i + 1] & 0xff) << 16 | (d[i + 2] & 0xff) << 8
              | (d[i + 3] & 0xff))
          : ((d[i + 3] & 0xffL) << 24 | (d[i + 2] & 0xff) << 16 | (d[i + 1] & 0xff) << 8
              | (d[i] & 0xff));
      a += w;
      b += a;
      c += b;
      e += c;
    }
    return new long[] {a, b, c, e};
  }

  static long[] sha256(byte[] d, int len) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("the JDK always provides SHA-256", ex);
    }
    md.update(d, 0, len);
    byte[] h = md.digest();
    return new long[] {word64(h, 0, true), word64(h, 8, true), word64(h, 16, true),
      word64(h, 24, true)};
  }

  static long word64(byte[] d, int i, boolean be) {
    long x = 0;
    if (be) {
      for (int k = 0; k < 8; k++) {
        x = x << 8 | (d[i + k] & 0xff);
      }
    } else {
      for (int k = 7; k >= 0; k--) {
        x = x << 8 | (d[i + k] & 0xff);
      }
    }
    return x;
  }

  static void putWord64(byte[] d, int i, long x, boolean be) {
    for (int k = 0; k < 8; k++) {
      int shift = be ? 56 - 8 * k : 8 * k;
      d[i + k] = (byte) (x >>> shift);
    }
  }

  static String hex(long[] c) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Long.toHexString(c[i]));
    }
    return sb.toString();
  }
}
