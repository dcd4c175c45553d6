package org.jgrub.api;

import java.nio.file.PathMatcher;
import java.util.regex.Pattern;

/** {@code glob:} and {@code regex:} path matchers, with POSIX glob rules ('*' stays in a name). */
final class Globs {
  private Globs() {}

  static PathMatcher matcher(String syntaxAndPattern) {
    int colon = syntaxAndPattern.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected glob:PATTERN or regex:PATTERN");
    }
    String syntax = syntaxAndPattern.substring(0, colon);
    String pattern = syntaxAndPattern.substring(colon + 1);
    Pattern p;
    if (syntax.equalsIgnoreCase("regex")) {
      p = Pattern.compile(pattern);
    } else if (syntax.equalsIgnoreCase("glob")) {
      p = Pattern.compile(toRegex(pattern));
    } else {
      throw new UnsupportedOperationException("syntax '" + syntax + "' is not glob or regex");
    }
    return path -> p.matcher(path.toString()).matches();
  }

  /** '*' and '?' within a name, '**' across names, '[...]' classes, '{a,b}' alternatives. */
  static String toRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    boolean inGroup = false;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            sb.append(".*");
            i++;
          } else {
            sb.append("[^/]*");
          }
        }
        case '?' -> sb.append("[^/]");
        case '{' -> {
          sb.append("(?:");
          inGroup = true;
        }
        case '}' -> {
          sb.append(')');
          inGroup = false;
        }
        case ',' -> sb.append(inGroup ? "|" : ",");
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unclosed '[' in glob " + glob);
          }
          String cls = glob.substring(i + 1, end).replace("\\", "\\\\");
          sb.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
          i = end;
        }
        case '\\' -> {
          if (i + 1 < glob.length()) {
            sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
