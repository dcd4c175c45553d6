package org.jgrub.fs.zfs;

/** Arithmetic in GF(2^8) with the polynomial raidz uses (x^8 + x^4 + x^3 + x^2 + 1, 0x11d). */
final class Gf256 {
  private Gf256() {}

  private static final int[] EXP = new int[512];
  private static final int[] LOG = new int[256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if ((x & 0x100) != 0) {
        x ^= 0x11d;
      }
    }
    for (int i = 255; i < 512; i++) {
      EXP[i] = EXP[i - 255];
    }
  }

  static int mul(int a, int b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return EXP[LOG[a] + LOG[b]];
  }

  /** The inverse of 2^k. */
  static int inversePow2(int k) {
    return EXP[(255 - (k % 255)) % 255];
  }

  /** Multiplies every byte by 2. */
  static void mul2InPlace(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      int v = (b[i] & 0xff) << 1;
      b[i] = (byte) ((v & 0x100) != 0 ? v ^ 0x11d : v);
    }
  }
}
