package org.jgrub.cli;

/**
 * Neutralises control characters in text that came from the guest before it reaches the
 * administrator's terminal: a crafted title must not be able to move the cursor, retitle the
 * window or answer back.
 */
final class Sanitize {
  private Sanitize() {}

  static String text(String s) {
    StringBuilder sb = null;
    char[] a = s.toCharArray(); // an array loop: this runs interpreted, where charAt costs more
    for (int i = 0; i < a.length; i++) {
      char c = a[i];
      boolean bad = (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
      if (bad && sb == null) {
        sb = new StringBuilder(s.length());
        sb.append(s, 0, i);
      }
      if (sb != null) {
        sb.append(bad ? '?' : c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /** As {@link #text}, keeping the line breaks of multi-line output (the -l listing). */
  static String lines(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int from = 0;
    for (int nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      sb.append(text(s.substring(from, nl))).append('\n');
      from = nl + 1;
    }
    return sb.append(text(s.substring(from))).toString();
  }
}
