package org.jgrub.config.grub2;

/** A GRUB script that GRUB itself would refuse to parse or run; becomes a menu warning. */
final class SyntaxError extends Exception {
  final int line;

  SyntaxError(int line, String message) {
    super(message, null, false, false);
    this.line = line;
  }
}
