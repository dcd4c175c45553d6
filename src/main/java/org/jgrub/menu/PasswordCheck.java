package org.jgrub.menu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jgrub.config.Password;

/**
 * Checks a typed password against the config's {@link Password}: GRUB legacy plain and {@code
 * --md5} ({@code $1$} MD5-crypt), GRUB 2 {@code password} (plain) and {@code password_pbkdf2}
 * ({@code grub.pbkdf2.sha512.ITERATIONS.SALT.HASH}, salt and hash in hex, as grub-mkpasswd-pbkdf2
 * prints them). A hash that cannot be checked never matches: the lock stays shut.
 */
final class PasswordCheck {
  /** The prefix grub-mkpasswd-pbkdf2 writes (GRUB 2 supports only SHA-512 there). */
  private static final String PBKDF2_PREFIX = "grub.pbkdf2.sha512.";

  /**
   * Iterations accepted from a guest config: grub-mkpasswd-pbkdf2 defaults to 10,000; a hostile
   * config could otherwise make one check run for hours.
   */
  static final long MAX_ITERATIONS = 1_000_000;

  /** Bytes of salt or hash accepted (grub-mkpasswd-pbkdf2 writes 64 of each). */
  static final int MAX_HEX_BYTES = 1024;

  private PasswordCheck() {}

  /** The outcome: whether it matched, and why not when the hash itself is unusable. */
  record Result(boolean matched, String problem) {}

  static Result check(Password pw, String typed) {
    byte[] typedBytes = typed.getBytes(StandardCharsets.UTF_8);
    String scheme = pw.scheme();
    String value = pw.value();
    if (scheme.equals("plain")) {
      return new Result(
          MessageDigest.isEqual(typedBytes, value.getBytes(StandardCharsets.UTF_8)), "");
    }
    if (scheme.equals("md5")) {
      if (!value.startsWith("$1$") || value.indexOf('$', 3) < 0) {
        return new Result(false, "the config's MD5 password is not a $1$ hash");
      }
      return new Result(Md5Crypt.matches(typedBytes, value), "");
    }
    if (scheme.equals("pbkdf2")) {
      return pbkdf2(typed, value);
    }
    return new Result(false, "password scheme '" + Text.clip(scheme, 20) + "' is not supported");
  }

  private static Result pbkdf2(String typed, String value) {
    if (!value.startsWith(PBKDF2_PREFIX)) {
      return new Result(false, "the config's password_pbkdf2 is not grub.pbkdf2.sha512.*");
    }
    int a = PBKDF2_PREFIX.length();
    int b = value.indexOf('.', a);
    int c = b < 0 ? -1 : value.indexOf('.', b + 1);
    if (b < 0 || c < 0 || value.indexOf('.', c + 1) >= 0) {
      return new Result(false, "the config's password_pbkdf2 hash is malformed");
    }
    long iterations = decimal(value.substring(a, b));
    byte[] salt = hex(value.substring(b + 1, c));
    byte[] hash = hex(value.substring(c + 1));
    if (iterations < 1 || salt == null || hash == null || salt.length == 0 || hash.length == 0) {
      return new Result(false, "the config's password_pbkdf2 hash is malformed");
    }
    if (iterations > MAX_ITERATIONS) {
      return new Result(
          false, "the config's password_pbkdf2 asks for more than 1000000 iterations");
    }
    try {
      // SunJCE's PBKDF2 feeds the password to HMAC as UTF-8, which is what GRUB hashes for ASCII.
      PBEKeySpec spec = new PBEKeySpec(typed.toCharArray(), salt, (int) iterations, hash.length * 8);
      byte[] got =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
      spec.clearPassword();
      return new Result(MessageDigest.isEqual(got, hash), "");
    } catch (GeneralSecurityException e) {
      return new Result(false, "PBKDF2 is not available: " + e.getMessage());
    }
  }

  private static long decimal(String s) {
    if (s.isEmpty() || s.length() > 10) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }

  private static byte[] hex(String s) {
    if (s.length() % 2 != 0 || s.length() / 2 > MAX_HEX_BYTES) {
      return null;
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
