package org.jgrub.fs.reiserfs;

import java.nio.charset.StandardCharsets;

/**
 * Directory name hashes. Entries are keyed by bits 7..30 of the hash of their name, plus a 7-bit
 * generation number for collisions (Linux fs/reiserfs/namei.c, get_third_component). Only r5 —
 * the default since 3.6 and the one verified against real volumes — is computed; for tea and
 * rupasov directories lookup scans the listing instead.
 */
final class ReiserHash {
  private ReiserHash() {}

  static final int TEA = 1;
  static final int RUPASOV = 2;
  static final int R5 = 3;
  /** GET_HASH_VALUE: bits 7..30. */
  static final long HASH_MASK = 0x7fffff80L;
  /** The 7 low bits number entries whose names collide. */
  static final long GENERATION_MASK = 0x7fL;
  /** Hash 0 is moved up so that no name sorts before "." (1) and ".." (2). */
  static final long MIN_HASH = 128;

  static boolean supported(int code) {
    return code == R5;
  }

  /** The key offset of the first possible entry for {@code name}, or -1 for "." and "..". */
  static long offsetOf(String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    if (name.equals(".") || name.equals("..")) {
      return -1;
    }
    long h = r5(b) & HASH_MASK;
    return h == 0 ? MIN_HASH : h;
  }

  /**
   * r5 over the name's bytes as signed chars, stopping at a NUL as the C original does (names
   * never contain one).
   */
  static long r5(byte[] name) {
    int a = 0;
    for (byte c : name) {
      if (c == 0) {
        break;
      }
      a += c << 4;
      a += c >> 4;
      a *= 11;
    }
    return a & 0xffffffffL;
  }
}
