package org.jgrub.fs.ext;

/**
 * The directory-index name hashes (legacy, half-MD4 and TEA, each with signed or unsigned
 * chars), as fs/ext4/hash.c defines them: only the major hash with its low bit cleared is used.
 */
final class DirHash {
  private DirHash() {}

  static final int LEGACY = 0;
  static final int HALF_MD4 = 1;
  static final int TEA = 2;
  static final int LEGACY_UNSIGNED = 3;
  static final int HALF_MD4_UNSIGNED = 4;
  static final int TEA_UNSIGNED = 5;

  private static final int[] DEFAULT_SEED = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  private static final int K2 = 0x5a827999;
  private static final int K3 = 0x6ed9eba1;
  private static final int TEA_DELTA = 0x9e3779b9;
  /** EXT4_HTREE_EOF_32BIT << 1 is reserved for end of directory. */
  private static final int EOF_HASH = 0x7fffffff << 1;

  /** The major hash of {@code name}; {@code version} is one of the six constants above. */
  static int hash(byte[] name, int version, int[] seed) {
    int[] buf = DEFAULT_SEED.clone();
    for (int s : seed) {
      if (s != 0) {
        buf = seed.clone();
        break;
      }
    }
    boolean unsigned = version >= LEGACY_UNSIGNED;
    int h;
    switch (version) {
      case LEGACY, LEGACY_UNSIGNED -> h = legacy(name, unsigned);
      case HALF_MD4, HALF_MD4_UNSIGNED -> {
        int[] in = new int[8];
        for (int p = 0; p < name.length; p += 32) {
          toWords(name, p, in, 8, unsigned);
          halfMd4(buf, in);
        }
        h = buf[1];
      }
      case TEA, TEA_UNSIGNED -> {
        int[] in = new int[4];
        for (int p = 0; p < name.length; p += 16) {
          toWords(name, p, in, 4, unsigned);
          tea(buf, in);
        }
        h = buf[0];
      }
      default -> throw new IllegalArgumentException("hash version " + version);
    }
    h &= ~1;
    if (h == EOF_HASH) {
      h = (0x7fffffff - 1) << 1;
    }
    return h;
  }

  private static int ch(byte b, boolean unsigned) {
    return unsigned ? b & 0xff : b;
  }

  private static int legacy(byte[] name, boolean unsigned) {
    int h0 = 0x12a3fe2d;
    int h1 = 0x37abe8f9;
    for (byte b : name) {
      int h = h1 + (h0 ^ (ch(b, unsigned) * 7152373));
      if ((h & 0x80000000) != 0) {
        h -= 0x7fffffff;
      }
      h1 = h0;
      h0 = h;
    }
    return h0 << 1;
  }

  /** str2hashbuf: packs the name's bytes from {@code from} into {@code num} words, padded. */
  private static void toWords(byte[] name, int from, int[] out, int num, boolean unsigned) {
    int len = name.length - from;
    int pad = len | (len << 8);
    pad |= pad << 16;
    int val = pad;
    int n = Math.min(len, num * 4);
    int o = 0;
    for (int i = 0; i < n; i++) {
      val = ch(name[from + i], unsigned) + (val << 8);
      if (i % 4 == 3) {
        out[o++] = val;
        val = pad;
      }
    }
    if (o < num) {
      out[o++] = val;
    }
    while (o < num) {
      out[o++] = pad;
    }
  }

  private static int f(int x, int y, int z) {
    return z ^ (x & (y ^ z));
  }

  private static int g(int x, int y, int z) {
    return (x & y) + ((x ^ y) & z);
  }

  private static int h(int x, int y, int z) {
    return x ^ y ^ z;
  }

  private static void halfMd4(int[] buf, int[] in) {
    int a = buf[0];
    int b = buf[1];
    int c = buf[2];
    int d = buf[3];
    a = Integer.rotateLeft(a + f(b, c, d) + in[0], 3);
    d = Integer.rotateLeft(d + f(a, b, c) + in[1], 7);
    c = Integer.rotateLeft(c + f(d, a, b) + in[2], 11);
    b = Integer.rotateLeft(b + f(c, d, a) + in[3], 19);
    a = Integer.rotateLeft(a + f(b, c, d) + in[4], 3);
    d = Integer.rotateLeft(d + f(a, b, c) + in[5], 7);
    c = Integer.rotateLeft(c + f(d, a, b) + in[6], 11);
    b = Integer.rotateLeft(b + f(c, d, a) + in[7], 19);
    a = Integer.rotateLeft(a + g(b, c, d) + in[1] + K2, 3);
    d = Integer.rotateLeft(d + g(a, b, c) + in[3] + K2, 5);
    c = Integer.rotateLeft(c + g(d, a, b) + in[5] + K2, 9);
    b = Integer.rotateLeft(b + g(c, d, a) + in[7] + K2, 13);
    a = Integer.rotateLeft(a + g(b, c, d) + in[0] + K2, 3);
    d = Integer.rotateLeft(d + g(a, b, c) + in[2] + K2, 5);
    c = Integer.rotateLeft(c + g(d, a, b) + in[4] + K2, 9);
    b = Integer.rotateLeft(b + g(c, d, a) + in[6] + K2, 13);
    a = Integer.rotateLeft(a + h(b, c, d) + in[3] + K3, 3);
    d = Integer.rotateLeft(d + h(a, b, c) + in[7] + K3, 9);
    c = Integer.rotateLeft(c + h(d, a, b) + in[2] + K3, 11);
    b = Integer.rotateLeft(b + h(c, d, a) + in[6] + K3, 15);
    a = Integer.rotateLeft(a + h(b, c, d) + in[1] + K3, 3);
    d = Integer.rotateLeft(d + h(a, b, c) + in[5] + K3, 9);
    c = Integer.rotateLeft(c + h(d, a, b) + in[0] + K3, 11);
    b = Integer.rotateLeft(b + h(c, d, a) + in[4] + K3, 15);
    buf[0] += a;
    buf[1] += b;
    buf[2] += c;
    buf[3] += d;
  }

  private static void tea(int[] buf, int[] in) {
    int sum = 0;
    int b0 = buf[0];
    int b1 = buf[1];
    for (int n = 0; n < 16; n++) {
      sum += TEA_DELTA;
      b0 += ((b1 << 4) + in[0]) ^ (b1 + sum) ^ ((b1 >>> 5) + in[1]);
      b1 += ((b0 << 4) + in[2]) ^ (b0 + sum) ^ ((b0 >>> 5) + in[3]);
    }
    buf[0] += b0;
    buf[1] += b1;
  }
}
