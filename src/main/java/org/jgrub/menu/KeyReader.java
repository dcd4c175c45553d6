package org.jgrub.menu;

import java.io.IOException;

/**
 * Turns the terminal's bytes into {@link Keys}: VT100/ANSI cursor keys in both modes ({@code ESC [
 * A} and {@code ESC O A}), the VT220 editing keys ({@code ESC [ n ~}) and the xterm Home/End forms.
 * A lone ESC is the Escape key when nothing follows within {@link #ESC_WAIT_MILLIS}: one key press
 * reaches the console in one write, so a sequence never straddles that much time in practice.
 */
final class KeyReader {
  /** How long after ESC to wait for the rest of a sequence. */
  static final long ESC_WAIT_MILLIS = 200;

  /** Bytes of one CSI sequence kept before giving up on it (a hostile or broken terminal). */
  private static final int MAX_SEQUENCE = 16;

  private final Terminal term;
  private int pushedBack = -100;

  KeyReader(Terminal term) {
    this.term = term;
  }

  /** The next key, {@link Keys#TIMEOUT} or {@link Keys#EOF}; negative timeout waits for ever. */
  int next(long timeoutMillis) throws IOException {
    int b;
    if (pushedBack != -100) {
      b = pushedBack;
      pushedBack = -100;
    } else {
      b = term.read(timeoutMillis);
    }
    if (b == Keys.CR) {
      // A terminal or relay that sends CR LF (or telnet's CR NUL) for Enter: one Enter, not two
      // (a second one would boot whatever the first opened).
      int c = term.read(0);
      if (c >= 0 && c != Keys.LF && c != 0) {
        pushedBack = c;
      }
      return b;
    }
    if (b != Keys.ESC) {
      return b;
    }
    int c = term.read(ESC_WAIT_MILLIS);
    if (c == Keys.TIMEOUT || c == Keys.EOF) {
      return Keys.ESC;
    }
    if (c == '[') {
      return csi();
    }
    if (c == 'O') {
      int d = term.read(ESC_WAIT_MILLIS);
      return d < 0 ? Keys.UNKNOWN : finalKey(d, 0);
    }
    // ESC followed by something else: the Escape key, then that key.
    pushedBack = c;
    return Keys.ESC;
  }

  private int csi() throws IOException {
    int param = 0;
    int first = -1;
    for (int i = 0; i < MAX_SEQUENCE; i++) {
      int c = term.read(ESC_WAIT_MILLIS);
      if (c < 0) {
        return Keys.UNKNOWN;
      }
      if (c >= '0' && c <= '9') {
        if (param < 1000) {
          param = param * 10 + (c - '0');
        }
      } else if (c == ';') {
        // Modifier parameters (xterm's "1;5A") do not change which key it is.
        if (first < 0) {
          first = param;
        }
        param = 0;
      } else if (c >= 0x40 && c <= 0x7e) {
        return finalKey(c, first >= 0 ? first : param);
      } else if (c < 0x20 || c > 0x7e) {
        return Keys.UNKNOWN;
      }
    }
    return Keys.UNKNOWN;
  }

  private static int finalKey(int c, int param) {
    switch (c) {
      case 'A':
        return Keys.UP;
      case 'B':
        return Keys.DOWN;
      case 'C':
        return Keys.RIGHT;
      case 'D':
        return Keys.LEFT;
      case 'H':
        return Keys.HOME;
      case 'F':
        return Keys.END;
      case '~':
        return tilde(param);
      default:
        return Keys.UNKNOWN;
    }
  }

  private static int tilde(int param) {
    switch (param) {
      case 1:
      case 7:
        return Keys.HOME;
      case 2:
        return Keys.INSERT;
      case 3:
        return Keys.DELETE;
      case 4:
      case 8:
        return Keys.END;
      case 5:
        return Keys.PAGE_UP;
      case 6:
        return Keys.PAGE_DOWN;
      default:
        return Keys.UNKNOWN;
    }
  }
}
