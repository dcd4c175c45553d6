package org.jgrub.config.grub2;

import java.util.ArrayList;
import java.util.List;

/**
 * GRUB's environment block ({@code grubenv}, grub-core/lib/envblk.c): the signature line
 * {@code # GRUB Environment Block}, then {@code name=value} lines in which a backslash escapes the
 * next character (GRUB escapes {@code \\} and newline), padded with {@code #} to 1024 bytes.
 */
final class EnvBlock {
  static final String SIGNATURE = "# GRUB Environment Block\n";

  private EnvBlock() {}

  /** A name and value from the block. */
  record Var(String name, String value) {}

  /**
   * The variables of a block given as Latin-1 text; null when the signature is missing (GRUB then
   * refuses the whole file: "invalid environment block").
   */
  static List<Var> parse(String text) {
    if (!text.startsWith(SIGNATURE)) {
      return null;
    }
    List<Var> out = new ArrayList<>();
    int n = text.length();
    int p = SIGNATURE.length();
    StringBuilder value = new StringBuilder();
    while (p < n) {
      char c = text.charAt(p);
      if (c == '#' || c == '\n') {
        // Padding or a comment line: GRUB skips to the next line.
        int nl = text.indexOf('\n', p);
        p = nl < 0 ? n : nl + 1;
        continue;
      }
      int eq = -1;
      int q = p;
      while (q < n && text.charAt(q) != '\n') {
        if (text.charAt(q) == '=' && eq < 0) {
          eq = q;
        }
        if (text.charAt(q) == '\\' && eq >= 0) {
          q++; // an escaped character, possibly a newline, belongs to the value
        }
        q++;
      }
      int end = Math.min(q, n);
      if (eq > p) {
        value.setLength(0);
        for (int k = eq + 1; k < end; k++) {
          char v = text.charAt(k);
          if (v == '\\' && k + 1 < end) {
            k++;
            v = text.charAt(k);
          }
          value.append(v);
        }
        out.add(new Var(text.substring(p, eq), value.toString()));
      }
      p = end + 1;
    }
    return out;
  }
}
