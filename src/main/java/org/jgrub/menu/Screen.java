package org.jgrub.menu;

import java.io.IOException;

/**
 * A frame of text rows with at most one reverse-video span per row, sent to the terminal as the
 * difference from the frame last sent: xl's console relay drops old output when it falls behind, so
 * each update rewrites only the rows that changed, in one write. Only VT100 sequences are used:
 * CUP ({@code ESC [ r ; c H}), EL ({@code ESC [ K}), ED ({@code ESC [ 2 J}), SGR 0 and 7.
 *
 * <p>Rows never reach the last column, so the terminal never wraps or scrolls by itself.
 */
final class Screen {
  static final int MAX_ROWS = 500;
  static final int MAX_COLUMNS = 1000;

  private final Terminal term;
  private final int rows;
  private final int cols;
  private final String[] text;
  private final int[] revFrom;
  private final int[] revTo;
  private final String[] shownText;
  private final int[] shownFrom;
  private final int[] shownTo;
  private boolean fullRedraw = true;
  private int cursorRow;
  private int cursorCol;
  private byte[] out = new byte[4096];
  private int outLen;
  private long bytesSent;

  Screen(Terminal term) {
    this.term = term;
    // A terminal's claimed size is trusted only within sane bounds.
    this.rows = Math.max(1, Math.min(MAX_ROWS, term.rows()));
    this.cols = Math.max(2, Math.min(MAX_COLUMNS, term.columns()));
    text = new String[rows];
    revFrom = new int[rows];
    revTo = new int[rows];
    shownText = new String[rows];
    shownFrom = new int[rows];
    shownTo = new int[rows];
    clear();
  }

  int rows() {
    return rows;
  }

  int columns() {
    return cols;
  }

  /** The widest text a row can hold without touching the last column. */
  int width() {
    return cols - 1;
  }

  /** Starts a new frame: every row empty. */
  void clear() {
    for (int r = 0; r < rows; r++) {
      text[r] = "";
      revFrom[r] = 0;
      revTo[r] = 0;
    }
  }

  /** Sets a row's text (cleaned again here); out-of-range rows are ignored. */
  void put(int row, String s) {
    put(row, s, 0, 0);
  }

  /** Sets a row's text with columns [from, to) in reverse video. */
  void put(int row, String s, int from, int to) {
    if (row < 0 || row >= rows) {
      return;
    }
    String c = Text.clean(s);
    String t = c.length() > width() ? c.substring(0, width()) : c;
    int f = Math.max(0, Math.min(from, t.length()));
    int e = Math.max(f, Math.min(to, t.length()));
    text[row] = t;
    revFrom[row] = f;
    revTo[row] = e;
  }

  /** Where the cursor rests after the frame is sent. */
  void cursor(int row, int col) {
    cursorRow = Math.max(0, Math.min(row, rows - 1));
    cursorCol = Math.max(0, Math.min(col, cols - 1));
  }

  /** Forces the next {@link #send()} to repaint everything (^L, or after a lost update). */
  void invalidate() {
    fullRedraw = true;
  }

  /** Total bytes written so far (the efficiency tests read it). */
  long bytesSent() {
    return bytesSent;
  }

  /** Sends the rows that differ from what the terminal shows, then places the cursor. */
  void send() throws IOException {
    outLen = 0;
    if (fullRedraw) {
      ascii("\033[0m\033[H\033[2J");
    }
    for (int r = 0; r < rows; r++) {
      if (!fullRedraw
          && text[r].equals(shownText[r])
          && revFrom[r] == shownFrom[r]
          && revTo[r] == shownTo[r]) {
        continue;
      }
      if (fullRedraw && text[r].isEmpty()) {
        remember(r);
        continue;
      }
      move(r, 0);
      String t = text[r];
      int f = revFrom[r];
      int e = revTo[r];
      if (f < e) {
        ascii(t, 0, f);
        ascii("\033[7m");
        ascii(t, f, e);
        ascii("\033[0m");
        ascii(t, e, t.length());
      } else {
        ascii(t, 0, t.length());
      }
      ascii("\033[K");
      remember(r);
    }
    fullRedraw = false;
    move(cursorRow, cursorCol);
    term.write(out, 0, outLen);
    term.flush();
    bytesSent += outLen;
  }

  /** Leaves the screen blank with the cursor home and normal attributes. */
  void reset() throws IOException {
    outLen = 0;
    ascii("\033[0m\033[H\033[2J");
    term.write(out, 0, outLen);
    term.flush();
    bytesSent += outLen;
    fullRedraw = true;
  }

  private void remember(int r) {
    shownText[r] = text[r];
    shownFrom[r] = revFrom[r];
    shownTo[r] = revTo[r];
  }

  private void move(int row, int col) {
    ascii("\033[");
    number(row + 1);
    byteOut(';');
    number(col + 1);
    byteOut('H');
  }

  private void number(int n) {
    if (n >= 10) {
      number(n / 10);
    }
    byteOut('0' + n % 10);
  }

  private void ascii(String s) {
    ascii(s, 0, s.length());
  }

  private void ascii(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      // Text.clean already made rows safe; this is the last guard for escapes we add ourselves.
      byteOut(c < 0x80 ? c : '?');
    }
  }

  private void byteOut(int b) {
    if (outLen == out.length) {
      byte[] bigger = new byte[out.length * 2];
      System.arraycopy(out, 0, bigger, 0, outLen);
      out = bigger;
    }
    out[outLen++] = (byte) b;
  }
}
