package org.jgrub.menu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The MD5-based crypt ({@code $1$salt$hash}) that GRUB legacy's {@code password --md5} and {@code
 * openssl passwd -1} use: Poul-Henning Kamp's algorithm as FreeBSD published it (an MD5 of
 * password, magic and salt mixed with an "alternate" MD5, then 1000 rounds), encoded in crypt's
 * own base-64 alphabet.
 */
final class Md5Crypt {
  private static final String MAGIC = "$1$";
  private static final String ALPHABET =
      "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int MAX_SALT = 8;
  private static final int ROUNDS = 1000;

  private Md5Crypt() {}

  /** Whether {@code password} hashes to {@code hash} ("$1$salt$..."); false for other forms. */
  static boolean matches(byte[] password, String hash) {
    if (!hash.startsWith(MAGIC)) {
      return false;
    }
    int end = hash.indexOf('$', MAGIC.length());
    if (end < 0) {
      return false;
    }
    String salt = hash.substring(MAGIC.length(), end);
    byte[] computed = crypt(password, salt).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(computed, hash.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The full "$1$salt$hash" string; the salt is cut at 8 characters as crypt(3) does. */
  static String crypt(byte[] pw, String saltText) {
    String s = saltText.length() > MAX_SALT ? saltText.substring(0, MAX_SALT) : saltText;
    byte[] salt = s.getBytes(StandardCharsets.ISO_8859_1);
    byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
    MessageDigest md = md5();

    MessageDigest alt = md5();
    alt.update(pw);
    alt.update(salt);
    alt.update(pw);
    byte[] altSum = alt.digest();

    md.update(pw);
    md.update(magic);
    md.update(salt);
    for (int left = pw.length; left > 0; left -= 16) {
      md.update(altSum, 0, Math.min(16, left));
    }
    // For each bit of the length: a zero byte for a 1 bit, the password's first byte for a 0 bit.
    for (int i = pw.length; i != 0; i >>>= 1) {
      if ((i & 1) != 0) {
        md.update((byte) 0);
      } else {
        md.update(pw[0]);
      }
    }
    byte[] sum = md.digest();

    for (int round = 0; round < ROUNDS; round++) {
      MessageDigest r = md5();
      if ((round & 1) != 0) {
        r.update(pw);
      } else {
        r.update(sum);
      }
      if (round % 3 != 0) {
        r.update(salt);
      }
      if (round % 7 != 0) {
        r.update(pw);
      }
      if ((round & 1) != 0) {
        r.update(sum);
      } else {
        r.update(pw);
      }
      sum = r.digest();
    }

    StringBuilder out = new StringBuilder(MAGIC.length() + s.length() + 23);
    out.append(MAGIC).append(s).append('$');
    encode(out, sum[0], sum[6], sum[12], 4);
    encode(out, sum[1], sum[7], sum[13], 4);
    encode(out, sum[2], sum[8], sum[14], 4);
    encode(out, sum[3], sum[9], sum[15], 4);
    encode(out, sum[4], sum[10], sum[5], 4);
    encode(out, (byte) 0, (byte) 0, sum[11], 2);
    return out.toString();
  }

  private static void encode(StringBuilder out, byte hi, byte mid, byte lo, int chars) {
    int v = ((hi & 0xff) << 16) | ((mid & 0xff) << 8) | (lo & 0xff);
    for (int i = 0; i < chars; i++) {
      out.append(ALPHABET.charAt(v & 0x3f));
      v >>>= 6;
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE runtime must provide MD5 (MessageDigest's specification).
      throw new IllegalStateException("the Java runtime lacks MD5", e);
    }
  }
}
