package org.jgrub.menu;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one edited command line into words. GRUB 2 rules ({@code grub2}): blanks separate words,
 * {@code '...'} is literal, {@code "..."} and a backslash escape, {@code $name} and {@code ${name}}
 * expand ({@code root} to the entry's root, every other variable to nothing, as GRUB does for an
 * unset one). Otherwise (GRUB legacy, syslinux, LILO) blanks alone separate words.
 */
final class Words {
  /** Words kept from one line (a kernel command line has far fewer). */
  static final int MAX_WORDS = 1024;

  private Words() {}

  static List<String> split(String line, boolean grub2, String root) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    // A word that only held variables expanding to nothing is no word at all (GRUB 2's lexer).
    boolean quoted = false;
    int n = line.length();
    int i = 0;
    while (i < n && out.size() < MAX_WORDS) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (inWord && (w.length() > 0 || quoted)) {
          out.add(w.toString());
        }
        w.setLength(0);
        inWord = false;
        quoted = false;
        i++;
        continue;
      }
      inWord = true;
      if (!grub2) {
        w.append(c);
        i++;
      } else if (c == '\\' && i + 1 < n) {
        w.append(line.charAt(i + 1));
        i += 2;
      } else if (c == '\'') {
        quoted = true;
        int end = line.indexOf('\'', i + 1);
        int stop = end < 0 ? n : end;
        w.append(line, i + 1, stop);
        i = stop + 1;
      } else if (c == '"') {
        quoted = true;
        i = doubleQuoted(line, i + 1, w, root);
      } else if (c == '$') {
        i = variable(line, i + 1, w, root);
      } else {
        w.append(c);
        i++;
      }
    }
    if (inWord && (w.length() > 0 || quoted) && out.size() < MAX_WORDS) {
      out.add(w.toString());
    }
    return out;
  }

  private static int doubleQuoted(String line, int start, StringBuilder w, String root) {
    int n = line.length();
    int i = start;
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' && i + 1 < n && "$\"\\".indexOf(line.charAt(i + 1)) >= 0) {
        w.append(line.charAt(i + 1));
        i += 2;
      } else if (c == '$') {
        i = variable(line, i + 1, w, root);
      } else {
        w.append(c);
        i++;
      }
    }
    return n;
  }

  /** Expands the variable whose name starts at {@code start}; returns the index after it. */
  private static int variable(String line, int start, StringBuilder w, String root) {
    int n = line.length();
    int nameStart;
    int nameEnd;
    int next;
    if (start < n && line.charAt(start) == '{') {
      int close = line.indexOf('}', start + 1);
      if (close < 0) {
        w.append('$');
        return start;
      }
      nameStart = start + 1;
      nameEnd = close;
      next = close + 1;
    } else {
      int j = start;
      while (j < n && isNameChar(line.charAt(j))) {
        j++;
      }
      if (j == start) {
        w.append('$');
        return start;
      }
      nameStart = start;
      nameEnd = j;
      next = j;
    }
    if (line.regionMatches(nameStart, "root", 0, 4) && nameEnd - nameStart == 4) {
      w.append(root);
    }
    return next;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
