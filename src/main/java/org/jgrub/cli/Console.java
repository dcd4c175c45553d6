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
}
