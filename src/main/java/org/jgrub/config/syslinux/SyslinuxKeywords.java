package org.jgrub.config.syslinux;

import java.util.Set;

/**
 * Keywords syslinux 6 accepts that change nothing jgrub models (console, fonts, serial, network
 * boot), so they pass without a warning; syslinux itself ignores any other word silently.
 */
final class SyslinuxKeywords {
  private SyslinuxKeywords() {}

  static final Set<String> IGNORED = Set.of(
      "allowoptions", "console", "display", "font", "implicit", "ipappend", "kbdmap", "nocomplete",
      "noescape", "nohalt", "onerror", "path", "pxeretry", "say", "sendcookies", "serial",
      "sysappend", "totaltimeout",
      // U-Boot's extlinux.conf dialect shares the file name; its device-tree lines are harmless.
      "fdt", "fdtdir", "devicetree", "fdtoverlays");

  /** F1..F12 help-screen lines ({@code is_fkey}). */
  static boolean isFunctionKey(String kw) {
    if (kw.length() < 2 || kw.length() > 3 || (kw.charAt(0) | 0x20) != 'f') {
      return false;
    }
    for (int i = 1; i < kw.length(); i++) {
      if (kw.charAt(i) < '0' || kw.charAt(i) > '9') {
        return false;
      }
    }
    int n = Integer.parseInt(kw.substring(1));
    return n <= 12;
  }
}
