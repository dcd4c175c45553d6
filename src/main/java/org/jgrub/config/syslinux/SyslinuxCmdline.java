package org.jgrub.config.syslinux;

import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.text.ConfigText;
import org.jgrub.config.text.GuestPath;

/**
 * Splits a syslinux command line the way its loaders read it: the Linux loader takes the initrd
 * list from the first {@code initrd=} (comma-separated, kernel.c), and mboot.c32 splits its
 * arguments into kernel and modules at each {@code ---} word.
 */
final class SyslinuxCmdline {
  /** A Linux command line with its {@code initrd=} word taken out. */
  record Linux(List<String> initrds, String args, int initrdWords) {}

  private SyslinuxCmdline() {}

  /**
   * The initrds named by the first {@code initrd=} word, resolved against {@code cwd}, and the
   * arguments with every {@code initrd=} word removed (pygrub removes them too; blanks around a
   * removed word are not doubled).
   */
  static Linux linux(String args, String cwd) {
    List<String> initrds = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    int words = 0;
    int i = 0;
    int n = args.length();
    while (i < n) {
      int start = ConfigText.skipBlanks(args, i);
      if (start >= n) {
        break;
      }
      int end = ConfigText.skipWord(args, start);
      String word = args.substring(start, end);
      if (word.startsWith("initrd=")) {
        if (words == 0) {
          for (String part : word.substring("initrd=".length()).split(",", -1)) {
            if (!part.isEmpty()) {
              initrds.add(GuestPath.resolve(cwd, part));
            }
          }
        }
        words++;
      } else {
        if (out.length() > 0) {
          out.append(args, i, start);
        }
        out.append(word);
      }
      i = end;
    }
    return new Linux(initrds, out.toString(), words);
  }

  /** mboot.c32's arguments cut at each "---" word, each part trimmed. */
  static List<String> mbootParts(String args) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    int n = args.length();
    while (i < n) {
      int start = ConfigText.skipBlanks(args, i);
      if (start >= n) {
        break;
      }
      int end = ConfigText.skipWord(args, start);
      String word = args.substring(start, end);
      if (word.equals("---")) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        if (cur.length() > 0) {
          cur.append(args, i, start);
        }
        cur.append(word);
      }
      i = end;
    }
    parts.add(cur.toString());
    return parts;
  }
}
