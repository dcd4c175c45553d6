package org.jgrub.config.grub1;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits GRUB legacy config text into commands the way stage2's {@code get_line_from_config}
 * does: CR dropped, tabs become spaces, a backslash before a newline joins the lines, leading
 * spaces skipped, and a '#' as the first non-space character makes the line a comment ('#'
 * elsewhere is data: passwords and kernel arguments may hold it).
 */
final class Grub1Lines {
  private Grub1Lines() {}

  static List<Grub1Command> commands(String text, int maxCommands) {
    List<Grub1Command> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean literal = false;
    boolean comment = false;
    int line = 1;
    int startLine = 1;
    int n = text.length();
    for (int i = 0; i < n && out.size() < maxCommands; i++) {
      char c = text.charAt(i);
      if (c == '\r') {
        continue;
      }
      if (c == '\t') {
        c = ' ';
      }
      if (c == '\n') {
        line++;
      }
      if (literal) {
        if (c == '\n') {
          c = ' ';
          if (cur.length() > 0) {
            cur.setLength(cur.length() - 1);
          }
        }
        literal = false;
      }
      if (c == '\\') {
        literal = true;
      }
      if (comment) {
        if (c == '\n') {
          comment = false;
        }
      } else if (cur.length() == 0) {
        if (c == '#') {
          comment = true;
        } else if (c != ' ' && c != '\n') {
          startLine = line;
          cur.append(c);
        }
      } else if (c == '\n') {
        out.add(command(startLine, cur.toString()));
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0 && out.size() < maxCommands) {
      out.add(command(startLine, cur.toString()));
    }
    return out;
  }

  /** Applies {@code find_command} and {@code skip_to(1, ...)} to one line. */
  static Grub1Command command(int line, String text) {
    int n = text.length();
    int end = 0;
    while (end < n && text.charAt(end) != ' ' && text.charAt(end) != '=') {
      end++;
    }
    int a = end;
    while (a < n && (text.charAt(a) == ' ' || text.charAt(a) == '=')) {
      a++;
    }
    int b = n;
    while (b > a && text.charAt(b - 1) == ' ') {
      b--;
    }
    return new Grub1Command(line, text.substring(0, end), text.substring(a, b), text);
  }
}
