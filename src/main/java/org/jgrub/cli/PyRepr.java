package org.jgrub.cli;

/**
 * Python 3's {@code repr()} of a str, which pygrub's sxp output uses for every value: single quotes
 * unless the value holds a single quote and no double quote; backslash escapes for the quote, the
 * backslash, control and other non-printable characters.
 */
final class PyRepr {
  private PyRepr() {}

  static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (cp >= 0x20 && cp < 0x7f) {
        sb.append((char) cp);
      } else if (printable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xff) {
        sb.append("\\x").append(hex(cp, 2));
      } else if (cp <= 0xffff) {
        sb.append("\\u").append(hex(cp, 4));
      } else {
        sb.append("\\U").append(hex(cp, 8));
      }
    }
    return sb.append(quote).toString();
  }

  /** Python's str.isprintable for one non-ASCII code point. */
  private static boolean printable(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  private static String hex(int v, int digits) {
    String h = Integer.toHexString(v);
    StringBuilder sb = new StringBuilder(digits);
    for (int i = h.length(); i < digits; i++) {
      sb.append('0');
    }
    return sb.append(h).toString();
  }
}
