package org.jgrub.config.bls;

/**
 * fnmatch-style patterns as loader.conf's {@code default} uses them: {@code *}, {@code ?} and
 * {@code [...]} classes (with {@code !} or {@code ^} negation and ranges). Iterative, with one
 * backtracking point, so a hostile pattern costs at most length times length steps.
 */
final class Glob {
  private Glob() {}

  static boolean matches(String pattern, String s) {
    int p = 0;
    int i = 0;
    int starP = -1;
    int starI = -1;
    int pn = pattern.length();
    int n = s.length();
    while (i < n) {
      if (p < pn) {
        char c = pattern.charAt(p);
        if (c == '*') {
          starP = p++;
          starI = i;
          continue;
        }
        if (c == '?') {
          p++;
          i++;
          continue;
        }
        if (c == '[') {
          int end = classEnd(pattern, p);
          if (end > 0) {
            if (inClass(pattern, p + 1, end, s.charAt(i))) {
              p = end + 1;
              i++;
              continue;
            }
          } else if (s.charAt(i) == '[') {
            p++;
            i++;
            continue;
          }
        } else if (c == s.charAt(i)) {
          p++;
          i++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP + 1;
      i = ++starI;
    }
    while (p < pn && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pn;
  }

  /** The index of the ']' closing the class opened at {@code open}, or -1. */
  private static int classEnd(String pat, int open) {
    int k = open + 1;
    if (k < pat.length() && (pat.charAt(k) == '!' || pat.charAt(k) == '^')) {
      k++;
    }
    if (k < pat.length() && pat.charAt(k) == ']') {
      k++;
    }
    while (k < pat.length() && pat.charAt(k) != ']') {
      k++;
    }
    return k < pat.length() ? k : -1;
  }

  private static boolean inClass(String pat, int from, int end, char c) {
    boolean neg = pat.charAt(from) == '!' || pat.charAt(from) == '^';
    int k = neg ? from + 1 : from;
    boolean hit = false;
    boolean first = true;
    while (k < end) {
      char lo = pat.charAt(k);
      if (!first && lo == ']') {
        break;
      }
      first = false;
      if (k + 2 < end && pat.charAt(k + 1) == '-') {
        if (c >= lo && c <= pat.charAt(k + 2)) {
          hit = true;
        }
        k += 3;
      } else {
        if (c == lo) {
          hit = true;
        }
        k++;
      }
    }
    return hit != neg;
  }
}
