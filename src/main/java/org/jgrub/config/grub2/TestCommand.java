package org.jgrub.config.grub2;

import java.util.List;
import java.util.Optional;
import org.jgrub.config.GuestFiles;

/**
 * GRUB's {@code test} / {@code [} (grub-core/commands/test.c): string {@code = == != < <= > >=},
 * numbers {@code -eq -ne -lt -le -gt -ge}, {@code -z -n}, files {@code -e -f -d -s} looked up on
 * the guest through {@link GuestFiles#stat}, {@code !}, {@code -a}, {@code -o} and parentheses; a
 * lone string is true when not empty.
 */
final class TestCommand {
  private final Interp in;
  private final List<String> a;
  private final int end;
  private final int line;
  private int pos;
  private int depth;

  TestCommand(Interp in, List<String> args, int from, int end, int line) {
    this.in = in;
    this.a = args;
    this.pos = from;
    this.end = end;
    this.line = line;
  }

  boolean eval() throws SyntaxError {
    if (pos >= end) {
      return false;
    }
    boolean r = or();
    if (pos < end) {
      throw new SyntaxError(line, "test: unexpected '" + a.get(pos) + "'");
    }
    return r;
  }

  private boolean or() throws SyntaxError {
    boolean r = and();
    while (pos < end && a.get(pos).equals("-o")) {
      pos++;
      boolean b = and();
      r = r || b;
    }
    return r;
  }

  private boolean and() throws SyntaxError {
    boolean r = not();
    while (pos < end && a.get(pos).equals("-a")) {
      pos++;
      boolean b = not();
      r = r && b;
    }
    return r;
  }

  private boolean not() throws SyntaxError {
    if (++depth > in.limits.scriptDepth) {
      throw new SyntaxError(line, "test: expression nested deeper than " + in.limits.scriptDepth);
    }
    try {
      if (pos < end && a.get(pos).equals("!") && pos + 1 < end) {
        pos++;
        return !not();
      }
      return primary();
    } finally {
      depth--;
    }
  }

  private static boolean isBinary(String op) {
    return switch (op) {
      case "=", "==", "!=", "<", "<=", ">", ">=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
          "-nt", "-ot" -> true;
      default -> false;
    };
  }

  private static boolean isUnary(String op) {
    return switch (op) {
      case "-z", "-n", "-e", "-f", "-d", "-s" -> true;
      default -> false;
    };
  }

  private boolean primary() throws SyntaxError {
    if (pos >= end) {
      throw new SyntaxError(line, "test: missing argument");
    }
    String x = a.get(pos);
    if (pos + 2 < end && isBinary(a.get(pos + 1))) {
      String op = a.get(pos + 1);
      String y = a.get(pos + 2);
      pos += 3;
      return binary(x, op, y);
    }
    if (x.equals("(") && pos + 1 < end) {
      pos++;
      boolean r = or();
      if (pos >= end || !a.get(pos).equals(")")) {
        throw new SyntaxError(line, "test: missing ')'");
      }
      pos++;
      return r;
    }
    if (isUnary(x) && pos + 1 < end) {
      String y = a.get(pos + 1);
      pos += 2;
      return unary(x, y);
    }
    pos++;
    return !x.isEmpty();
  }

  private boolean binary(String x, String op, String y) {
    int c = x.compareTo(y);
    return switch (op) {
      case "=", "==" -> x.equals(y);
      case "!=" -> !x.equals(y);
      case "<" -> c < 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      case ">=" -> c >= 0;
      case "-eq" -> toLong(x) == toLong(y);
      case "-ne" -> toLong(x) != toLong(y);
      case "-lt" -> toLong(x) < toLong(y);
      case "-le" -> toLong(x) <= toLong(y);
      case "-gt" -> toLong(x) > toLong(y);
      case "-ge" -> toLong(x) >= toLong(y);
      default -> {
        in.warn(line, "test " + op + " (file times) is not supported; taken as false");
        yield false;
      }
    };
  }

  private boolean unary(String op, String y) {
    switch (op) {
      case "-z":
        return y.isEmpty();
      case "-n":
        return !y.isEmpty();
      default:
        break;
    }
    Optional<GuestFiles.Stat> st = in.stat(y, line);
    if (st.isEmpty()) {
      return false;
    }
    return switch (op) {
      case "-e" -> true;
      case "-f" -> !st.get().directory();
      case "-d" -> st.get().directory();
      default -> !st.get().directory() && st.get().size() > 0; // -s
    };
  }

  /** GRUB's grub_strtol with base 0: sign, 0x hex, leading-0 octal, decimal; stops at junk. */
  static long toLong(String s) {
    int k = 0;
    int n = s.length();
    while (k < n && Text.isBlank(s.charAt(k))) {
      k++;
    }
    boolean neg = false;
    if (k < n && (s.charAt(k) == '-' || s.charAt(k) == '+')) {
      neg = s.charAt(k) == '-';
      k++;
    }
    int base = 10;
    if (k + 1 < n && s.charAt(k) == '0' && (s.charAt(k + 1) == 'x' || s.charAt(k + 1) == 'X')) {
      base = 16;
      k += 2;
    } else if (k < n && s.charAt(k) == '0') {
      base = 8;
    }
    long v = 0;
    for (; k < n; k++) {
      int d = Character.digit(s.charAt(k), base);
      if (d < 0) {
        break;
      }
      if (v > (Long.MAX_VALUE - d) / base) {
        v = Long.MAX_VALUE; // saturate as strtol does
        break;
      }
      v = v * base + d;
    }
    return neg ? -v : v;
  }
}
