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
    return System.console() != null || isTerminal(1);
  }

  /**
   * Whether stderr is a terminal (System.console() says nothing about it): copy progress is
   * shown only there.
   */
  static boolean stderrIsTerminal() {
    return isTerminal(2);
  }

  /** Whether the descriptor's target, as /proc names it, is a terminal. */
  private static boolean isTerminal(int fd) {
    try {
      String t = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/" + fd)).toString();
      // Pseudo-terminals, virtual and serial consoles, and Xen's own consoles (hvc, xvc).
      return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty") || t.equals("/dev/console")
          || t.startsWith("/dev/hvc") || t.startsWith("/dev/xvc");
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
