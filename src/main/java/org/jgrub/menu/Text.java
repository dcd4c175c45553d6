package org.jgrub.menu;

/**
 * Makes guest strings safe to show: every character that a terminal could act on (C0, DEL, C1,
 * and so ESC) becomes '?', and so does every non-ASCII character (one '?' per UTF-16 unit, so columns stay
 * where the editor expects them), because
 * a VT100 is a 7-bit terminal and the console's width for such a character is unknown; a tab
 * becomes a space. Long strings are cut with {@link #MARK}.
 */
final class Text {
  /** Ends a string that was cut to fit. */
  static final String MARK = "...";

  private Text() {}

  /** The displayable form of {@code s}. */
  static String clean(String s) {
    StringBuilder sb = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(n);
        sb.append(s, 0, i);
      }
      if (c == '\t') {
        sb.append(' ');
      } else {
        sb.append('?');
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** {@code s} cleaned and cut to at most {@code width} characters, marking a cut. */
  static String clip(String s, int width) {
    String c = clean(s);
    if (c.length() <= width) {
      return c;
    }
    if (width <= MARK.length()) {
      return c.substring(0, Math.max(0, width));
    }
    return c.substring(0, width - MARK.length()) + MARK;
  }

  /** {@code s} padded with spaces to exactly {@code width} (callers clip first). */
  static String pad(String s, int width) {
    if (s.length() >= width) {
      return s.length() == width ? s : s.substring(0, width);
    }
    StringBuilder sb = new StringBuilder(width);
    sb.append(s);
    while (sb.length() < width) {
      sb.append(' ');
    }
    return sb.toString();
  }

  static String repeat(char c, int n) {
    StringBuilder sb = new StringBuilder(Math.max(0, n));
    for (int i = 0; i < n; i++) {
      sb.append(c);
    }
    return sb.toString();
  }
}
