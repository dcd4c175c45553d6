package org.jgrub.config.bls;

/**
 * The two version orders BLS menus are sorted by: RPM's {@code rpmvercmp} (Fedora's blscfg in
 * GRUB) and the UAPI group's version format specification (systemd-boot's {@code
 * strverscmp_improved}). Both return a negative number, zero or a positive number.
 */
public final class VersionCompare {
  private VersionCompare() {}

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isAlpha(c);
  }

  /**
   * rpmvercmp: alphanumeric segments compared in turn, separators ignored, numeric segments
   * compared as numbers and newer than alphabetic ones, {@code ~} older than anything (even the
   * end), {@code ^} newer than the end but older than anything else.
   */
  public static int rpm(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    int n = a.length();
    int m = b.length();
    while (i < n || j < m) {
      while (i < n && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < m && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      boolean ta = i < n && a.charAt(i) == '~';
      boolean tb = j < m && b.charAt(j) == '~';
      if (ta || tb) {
        if (!ta) {
          return 1;
        }
        if (!tb) {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      boolean ca = i < n && a.charAt(i) == '^';
      boolean cb = j < m && b.charAt(j) == '^';
      if (ca || cb) {
        if (i >= n) {
          return -1;
        }
        if (j >= m) {
          return 1;
        }
        if (!ca) {
          return 1;
        }
        if (!cb) {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= n || j >= m) {
        break;
      }
      int si = i;
      int sj = j;
      boolean num = isDigit(a.charAt(i));
      if (num) {
        while (i < n && isDigit(a.charAt(i))) {
          i++;
        }
        while (j < m && isDigit(b.charAt(j))) {
          j++;
        }
      } else {
        while (i < n && isAlpha(a.charAt(i))) {
          i++;
        }
        while (j < m && isAlpha(b.charAt(j))) {
          j++;
        }
      }
      if (sj == j) {
        return num ? 1 : -1; // numeric segments are newer than alphabetic ones
      }
      if (num) {
        while (si < i && a.charAt(si) == '0') {
          si++;
        }
        while (sj < j && b.charAt(sj) == '0') {
          sj++;
        }
        int la = i - si;
        int lb = j - sj;
        if (la != lb) {
          return la > lb ? 1 : -1;
        }
      }
      int c = a.substring(si, i).compareTo(b.substring(sj, j));
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    if (i >= n && j >= m) {
      return 0;
    }
    return i >= n ? -1 : 1;
  }

  /**
   * The UAPI version comparison: like rpm's, but {@code -}, {@code ^} and {@code .} are ordered
   * separators ({@code ~} &lt; end &lt; {@code -} &lt; {@code ^} &lt; {@code .} &lt; anything else).
   */
  public static int uapi(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    int i = 0;
    int j = 0;
    int n = a.length();
    int m = b.length();
    while (true) {
      while (i < n && !isAlnum(a.charAt(i)) && "~-^.".indexOf(a.charAt(i)) < 0) {
        i++;
      }
      while (j < m && !isAlnum(b.charAt(j)) && "~-^.".indexOf(b.charAt(j)) < 0) {
        j++;
      }
      char x = i < n ? a.charAt(i) : 0;
      char y = j < m ? b.charAt(j) : 0;
      if (x == '~' || y == '~') {
        if (x != '~') {
          return 1;
        }
        if (y != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (x == 0 || y == 0) {
        return Character.compare(x, y);
      }
      int r = separator(x, y, '-');
      if (r == 0) {
        r = separator(x, y, '^');
      }
      if (r == 0) {
        r = separator(x, y, '.');
      }
      if (r != 0) {
        return r;
      }
      if (x == y && (x == '-' || x == '^' || x == '.')) {
        i++;
        j++;
        continue;
      }
      if (isDigit(x) || isDigit(y)) {
        if (!isDigit(x)) {
          return -1;
        }
        if (!isDigit(y)) {
          return 1;
        }
        while (i < n && a.charAt(i) == '0') {
          i++;
        }
        while (j < m && b.charAt(j) == '0') {
          j++;
        }
        int ei = i;
        int ej = j;
        while (ei < n && isDigit(a.charAt(ei))) {
          ei++;
        }
        while (ej < m && isDigit(b.charAt(ej))) {
          ej++;
        }
        if (ei - i != ej - j) {
          return ei - i > ej - j ? 1 : -1;
        }
        int c = a.substring(i, ei).compareTo(b.substring(j, ej));
        if (c != 0) {
          return c < 0 ? -1 : 1;
        }
        i = ei;
        j = ej;
      } else {
        int ei = i;
        int ej = j;
        while (ei < n && isAlpha(a.charAt(ei))) {
          ei++;
        }
        while (ej < m && isAlpha(b.charAt(ej))) {
          ej++;
        }
        int len = Math.min(ei - i, ej - j);
        int c = a.substring(i, i + len).compareTo(b.substring(j, j + len));
        if (c != 0) {
          return c < 0 ? -1 : 1;
        }
        if (ei - i != ej - j) {
          return ei - i > ej - j ? 1 : -1;
        }
        i = ei;
        j = ej;
      }
    }
  }

  /** Orders the separator {@code s} below every other character but {@code ~} and the end. */
  private static int separator(char x, char y, char s) {
    if (x == s || y == s) {
      if (x != s) {
        return 1;
      }
      if (y != s) {
        return -1;
      }
    }
    return 0;
  }
}
