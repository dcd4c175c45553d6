package org.jgrub.config.bls;

import java.util.List;
import org.jgrub.config.Warning;

/**
 * systemd-boot's {@code loader.conf}: {@code default} (a glob over entry ids) and {@code timeout}
 * (seconds, {@code menu-force}, {@code menu-hidden}, {@code menu-disabled}); other keys only change
 * the screen. Without a timeout systemd-boot boots the default at once, menu hidden.
 */
final class LoaderConf {
  /** Longer than any file name, so a longer pattern can only be an attack on the matcher. */
  static final int MAX_PATTERN = 1024;

  String defaultPattern;
  int defaultLine;
  int timeout = 0;
  boolean hidden = true;

  static LoaderConf parse(String text, String file, List<Warning> warnings) {
    LoaderConf c = new LoaderConf();
    int n = text.length();
    int p = 0;
    int line = 0;
    while (p < n) {
      int nl = text.indexOf('\n', p);
      int end = nl < 0 ? n : nl;
      String l = text.substring(p, end).trim();
      p = end + 1;
      line++;
      if (l.isEmpty() || l.charAt(0) == '#') {
        continue;
      }
      int sp = 0;
      while (sp < l.length() && l.charAt(sp) != ' ' && l.charAt(sp) != '\t') {
        sp++;
      }
      String key = l.substring(0, sp);
      String value = l.substring(sp).trim();
      if (key.equals("default")) {
        if (value.length() > MAX_PATTERN) {
          warnings.add(new Warning(file, line, "default pattern longer than " + MAX_PATTERN
              + " characters (no entry id is that long); ignored"));
        } else if (value.equalsIgnoreCase("@saved")) {
          // systemd-boot reads the entry last booted from the EFI variable LoaderEntryLastBooted;
          // without it (a Xen guest has no EFI variables, dom0 cannot read the guest's) it boots
          // the first entry, as it does when the variable is missing.
          warnings.add(new Warning(file, line, "default @saved needs the EFI variable"
              + " LoaderEntryLastBooted, which a Xen guest does not have; the first entry is used"));
        } else if (value.startsWith("@")) {
          warnings.add(new Warning(file, line, "default " + value
              + " is not an entry id (systemd-boot knows only @saved); ignored, the first entry"
              + " is used"));
        } else {
          c.defaultPattern = value;
          c.defaultLine = line;
        }
      } else if (key.equals("timeout")) {
        switch (value) {
          case "menu-force" -> {
            c.timeout = -1;
            c.hidden = false;
          }
          case "menu-hidden", "menu-disabled" -> {
            c.timeout = 0;
            c.hidden = true;
          }
          default -> {
            int t = parseSeconds(value);
            if (t < 0) {
              warnings.add(new Warning(file, line, "timeout '" + value + "' is not a number; ignored"));
            } else {
              c.timeout = t;
              c.hidden = t == 0;
            }
          }
        }
      }
    }
    return c;
  }

  private static int parseSeconds(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return -1;
    }
    int v = 0;
    for (int k = 0; k < s.length(); k++) {
      char ch = s.charAt(k);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }
}
