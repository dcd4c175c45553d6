package org.jgrub.config.grub1;

/** GRUB legacy's {@code safe_parse_maxint}: decimal or 0x-hex digits at the start of a string. */
final class Grub1Numbers {
  private Grub1Numbers() {}

  /** The number at the start of {@code s}, or -1 when there is none or it overflows. */
  static int parse(String s) {
    int i = 0;
    int radix = 10;
    if (s.length() > 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
      radix = 16;
      i = 2;
    }
    long v = 0;
    int digits = 0;
    for (; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), radix);
      if (d < 0 || s.charAt(i) > 'f') {
        break;
      }
      v = v * radix + d;
      digits++;
      if (v > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return digits == 0 ? -1 : (int) v;
  }
}
