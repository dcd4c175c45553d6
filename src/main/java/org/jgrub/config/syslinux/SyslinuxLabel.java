package org.jgrub.config.syslinux;

import java.util.ArrayList;
import java.util.List;

/**
 * What a LABEL stanza has set so far ({@code struct labeldata} in syslinux's readconfig.c). As in
 * syslinux, a stanza ends only at the next LABEL, MENU BEGIN/END/SEPARATOR or the end of the
 * whole configuration, so a stanza may run on across an INCLUDE.
 */
final class SyslinuxLabel {
  /** The loader keyword that set the kernel (syslinux's {@code enum kernel_type}). */
  enum Type {
    KERNEL, LINUX, BOOT, BSS, PXE, FDIMAGE, COMBOOT, COM32, CONFIG, LOCALBOOT
  }

  /** What selecting the stanza does, when it is not running its kernel. */
  enum Action {
    RUN, EXIT, GOTO, QUIT, DISABLED
  }

  final String label;
  final String file;
  final int line;
  String kernel;
  Type type = Type.KERNEL;
  String append;
  String initrd;
  String menuLabel;
  String passwd;
  boolean hide;
  boolean menuDefault;
  Action action = Action.RUN;
  final List<String> lines = new ArrayList<>();

  SyslinuxLabel(String label, String file, int line) {
    this.label = label;
    this.kernel = label;
    this.file = file;
    this.line = line;
  }

  /** The title shown: MENU LABEL without its '^' hotkey marks, else the LABEL. */
  String title() {
    return menuLabel != null ? stripCarets(menuLabel) : label;
  }

  static String stripCarets(String s) {
    if (s.indexOf('^') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '^') {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  /** What KERNEL means for this file name: syslinux chooses by extension (parse_image_type). */
  static Type byExtension(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".c32")) {
      return Type.COM32;
    }
    if (lower.endsWith(".com") || lower.endsWith(".cbt")) {
      return Type.COMBOOT;
    }
    if (lower.endsWith(".bs") || lower.endsWith(".bin")) {
      return Type.BOOT;
    }
    if (lower.endsWith(".bss")) {
      return Type.BSS;
    }
    if (lower.endsWith(".0")) {
      return Type.PXE;
    }
    if (lower.endsWith(".img")) {
      return Type.FDIMAGE;
    }
    return Type.LINUX;
  }
}
