package org.jgrub.config.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns config bytes into lines. Bootloaders read bytes, so nothing here can fail: invalid UTF-8
 * becomes U+FFFD, and both LF and CRLF end a line (GRUB legacy and syslinux both drop CR).
 */
public final class ConfigText {
  private ConfigText() {}

  /** Decodes leniently: malformed UTF-8 becomes U+FFFD, never an error. */
  public static String decode(byte[] bytes, int length) {
    return new String(bytes, 0, Math.min(length, bytes.length), StandardCharsets.UTF_8);
  }

  /** The lines of {@code text}; a trailing CR is dropped from each, the final empty line too. */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      int stop = end;
      if (stop > start && text.charAt(stop - 1) == '\r') {
        stop--;
      }
      out.add(text.substring(start, stop));
      start = end + 1;
    }
    return out;
  }

  /** Space or tab, the separators all three simple formats accept. */
  public static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\u000b' || c == '\r';
  }

  /** Index of the first non-blank character at or after {@code from}. */
  public static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Index of the first blank character at or after {@code from}. */
  public static int skipWord(String s, int from) {
    int i = from;
    while (i < s.length() && !isBlank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code s} without leading and trailing blanks. */
  public static String strip(String s) {
    int a = skipBlanks(s, 0);
    int b = s.length();
    while (b > a && isBlank(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  /** ASCII-only case-insensitive comparison, as syslinux's {@code looking_at} does it. */
  public static boolean equalsAscii(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && lower(x) != lower(y)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** The first word of {@code s} (after leading blanks), or "". */
  public static String firstWord(String s) {
    int a = skipBlanks(s, 0);
    return s.substring(a, skipWord(s, a));
  }

  /** What follows the first word, without leading and trailing blanks. */
  public static String afterFirstWord(String s) {
    int a = skipBlanks(s, 0);
    return strip(s.substring(skipWord(s, a)));
  }
}
