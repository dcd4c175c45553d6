package org.jgrub.cli;

/**
 * Whether a menu can be shown: stdin and stdout on a terminal (xl gives the bootloader the guest
 * console's pty) and a TERM that is set and not "dumb".
 */
final class Console {
  private Console() {}

  static boolean usable() {
    return why() == null;
  }

  /** Why there is no menu, or null when there can be one. */
  static String why() {
    if (System.console() == null) {
      return "standard input or output is not a terminal";
    }
    String term = System.getenv("TERM");
    if (term == null || term.isEmpty() || term.equals("dumb")) {
      return "TERM is " + (term == null || term.isEmpty() ? "unset" : "dumb");
    }
    return null;
  }

  /**
   * Whether stdout is a terminal. System.console() is null when only stdin is redirected, so the
   * descriptor's target is asked too.
   */
  static boolean stdoutIsTerminal() {
    if (System.console() != null) {
      return true;
    }
    try {
      String t = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
      // Pseudo-terminals, virtual and serial consoles, and Xen's own consoles (hvc, xvc).
      return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console")
          || t.startsWith("/dev/hvc") || t.startsWith("/dev/xvc");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
