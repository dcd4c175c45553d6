package org.jgrub.menu;

/**
 * Key codes: printable ASCII and control characters stand for themselves; the keys that a VT100
 * sends as escape sequences get codes above the byte range.
 */
final class Keys {
  private Keys() {}

  static final int TIMEOUT = Terminal.TIMEOUT;
  static final int EOF = Terminal.EOF;

  static final int CTRL_A = 0x01;
  static final int CTRL_B = 0x02;
  static final int CTRL_C = 0x03;
  static final int CTRL_D = 0x04;
  static final int CTRL_E = 0x05;
  static final int CTRL_F = 0x06;
  static final int BACKSPACE_H = 0x08;
  static final int TAB = 0x09;
  static final int LF = 0x0a;
  static final int CTRL_K = 0x0b;
  static final int CTRL_L = 0x0c;
  static final int CR = 0x0d;
  static final int CTRL_N = 0x0e;
  static final int CTRL_P = 0x10;
  static final int CTRL_U = 0x15;
  static final int CTRL_X = 0x18;
  static final int ESC = 0x1b;
  static final int DEL = 0x7f;

  static final int UP = 0x1000;
  static final int DOWN = 0x1001;
  static final int LEFT = 0x1002;
  static final int RIGHT = 0x1003;
  static final int HOME = 0x1004;
  static final int END = 0x1005;
  static final int PAGE_UP = 0x1006;
  static final int PAGE_DOWN = 0x1007;
  static final int DELETE = 0x1008;
  static final int INSERT = 0x1009;
  /** An escape sequence the menu does not use (function keys and the like): ignored. */
  static final int UNKNOWN = 0x10ff;

  static boolean isEnter(int k) {
    return k == CR || k == LF;
  }

  static boolean isPrintable(int k) {
    return k >= 0x20 && k < 0x7f;
  }
}
