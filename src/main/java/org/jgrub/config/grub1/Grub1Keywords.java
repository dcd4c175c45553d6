package org.jgrub.config.grub1;

import java.util.Set;

/**
 * The command names GRUB legacy 0.97 knows (stage2/builtins.c) plus those the Debian, Red Hat and
 * SUSE patches added (splashimage, gfxmenu, ...) and Solaris's GRUB added (bootfs, findroot,
 * kernel$, module$). Stage2 skips a line whose command it does not
 * know, so an unknown name is only worth a warning.
 */
final class Grub1Keywords {
  private Grub1Keywords() {}

  static final Set<String> KNOWN = Set.of(
      "background", "blocklist", "boot", "bootfs", "findroot", "kernel$", "module$", "bootp", "cat", "chainloader", "clear", "cmp", "color",
      "configfile", "debug", "default", "device", "dhcp", "displayapm", "displaymem", "embed",
      "fallback", "find", "foreground", "fstest", "geometry", "gfxmenu", "halt", "help",
      "hiddenmenu", "hide", "ifconfig", "impsprobe", "initrd", "install", "ioprobe", "kernel",
      "lock", "makeactive", "map", "md5crypt", "module", "modulenounzip", "pager", "partnew",
      "parttype", "password", "pause", "quit", "rarp", "read", "reboot", "root", "rootnoverify",
      "savedefault", "serial", "setkey", "setup", "shade", "splashimage", "terminal", "terminfo",
      "testload", "testvbe", "tftpserver", "timeout", "title", "unhide", "uppermem", "vbeprobe",
      "viewport");
}
