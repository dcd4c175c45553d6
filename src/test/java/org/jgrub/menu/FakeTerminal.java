package org.jgrub.menu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A scripted terminal for tests: keys and pauses are queued; reading advances a fake clock through
 * pauses and timeouts, so a countdown runs instantly. Output goes through a small VT100 emulator
 * that keeps the screen's characters and which cells are in reverse video.
 */
final class FakeTerminal implements Terminal {
  static final String UP = "\033[A";
  static final String DOWN = "\033[B";
  static final String RIGHT = "\033[C";
  static final String LEFT = "\033[D";
  static final String HOME = "\033[1~";
  static final String END = "\033[4~";
  static final String PGUP = "\033[5~";
  static final String PGDN = "\033[6~";
  static final String DELETE = "\033[3~";
  static final String ENTER = "\r";
  /** Escape alone: a pause follows it so the reader does not take it for a sequence. */
  static final String ESC = "\033";

  /** The fake monotonic clock. */
  static final class FakeClock implements Clock {
    long now = 1_000_000;

    @Override
    public long millis() {
      return now;
    }
  }

  private final Deque<Object> script = new ArrayDeque<>();
  final FakeClock clock = new FakeClock();
  private final int rows;
  private final int cols;
  private final char[][] cells;
  private final boolean[][] reverse;
  private int row;
  private int col;
  private boolean rev;
  private long written;
  private int writes;
  private final StringBuilder escape = new StringBuilder();
  private boolean inEscape;

  FakeTerminal() {
    this(24, 80);
  }

  FakeTerminal(int rows, int cols) {
    this.rows = rows;
    this.cols = cols;
    cells = new char[rows][cols];
    reverse = new boolean[rows][cols];
    for (char[] r : cells) {
      java.util.Arrays.fill(r, ' ');
    }
  }

  /** Queues the bytes of {@code keys}. */
  FakeTerminal type(String keys) {
    for (byte b : keys.getBytes(StandardCharsets.ISO_8859_1)) {
      script.add((int) (b & 0xff));
    }
    return this;
  }

  /** Queues the Escape key alone (followed by a pause longer than the sequence wait). */
  FakeTerminal esc() {
    type(ESC);
    return pause(KeyReader.ESC_WAIT_MILLIS + 1);
  }

  /** Queues {@code ms} milliseconds without a key. */
  FakeTerminal pause(long ms) {
    script.add(Long.valueOf(ms));
    return this;
  }

  boolean scriptDone() {
    return script.isEmpty();
  }

  @Override
  public int read(long timeoutMillis) {
    while (true) {
      Object next = script.peekFirst();
      if (next == null) {
        if (timeoutMillis < 0) {
          return EOF;
        }
        clock.now += timeoutMillis;
        return TIMEOUT;
      }
      if (next instanceof Integer i) {
        script.removeFirst();
        return i;
      }
      long p = (Long) next;
      if (timeoutMillis >= 0 && p > timeoutMillis) {
        clock.now += timeoutMillis;
        script.removeFirst();
        script.addFirst(Long.valueOf(p - timeoutMillis));
        return TIMEOUT;
      }
      clock.now += p;
      script.removeFirst();
      if (timeoutMillis >= 0) {
        timeoutMillis -= p;
      }
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    written += length;
    writes++;
    for (int i = offset; i < offset + length; i++) {
      feed((char) (bytes[i] & 0xff));
    }
  }

  @Override
  public void flush() {
    frames.add(screen());
  }

  /** The screen after each flush, in order. */
  final java.util.List<String> frames = new java.util.ArrayList<>();

  /** The first frame that contains {@code text}, or null. */
  String frameWith(String text) {
    for (String f : frames) {
      if (f.contains(text)) {
        return f;
      }
    }
    return null;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return cols;
  }

  long bytesWritten() {
    return written;
  }

  int writes() {
    return writes;
  }

  /** Row {@code r} of the emulated screen, trailing blanks removed. */
  String row(int r) {
    return new String(cells[r]).stripTrailing();
  }

  /** The whole screen, one row per line. */
  String screen() {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      sb.append(row(r)).append('\n');
    }
    return sb.toString();
  }

  /** The text of row {@code r} shown in reverse video, trimmed ("" when none). */
  String highlighted(int r) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cols; c++) {
      if (reverse[r][c]) {
        sb.append(cells[r][c]);
      }
    }
    return sb.toString().trim();
  }

  /** The first row holding {@code text}, or -1. */
  int find(String text) {
    for (int r = 0; r < rows; r++) {
      if (row(r).contains(text)) {
        return r;
      }
    }
    return -1;
  }

  int cursorRow() {
    return row;
  }

  int cursorCol() {
    return col;
  }

  private void feed(char ch) {
    if (inEscape) {
      escape.append(ch);
      if (escape.length() == 1 && ch != '[') {
        throw new AssertionError("non-CSI escape sent: ESC " + ch);
      }
      if (escape.length() > 1 && ch >= 0x40 && ch <= 0x7e) {
        inEscape = false;
        csi(escape.substring(1, escape.length() - 1), ch);
        escape.setLength(0);
      }
      return;
    }
    if (ch == 0x1b) {
      inEscape = true;
      return;
    }
    if (ch < 0x20 || ch >= 0x7f) {
      throw new AssertionError("control or non-ASCII byte sent to the terminal: " + (int) ch);
    }
    if (col >= cols - 1) {
      throw new AssertionError("text reached the last column at row " + row);
    }
    cells[row][col] = ch;
    reverse[row][col] = rev;
    col++;
  }

  private void csi(String params, char fin) {
    switch (fin) {
      case 'H': {
        int r = 1;
        int c = 1;
        if (!params.isEmpty()) {
          String[] p = params.split(";");
          r = Integer.parseInt(p[0]);
          c = p.length > 1 ? Integer.parseInt(p[1]) : 1;
        }
        row = r - 1;
        col = c - 1;
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
          throw new AssertionError("cursor moved off the screen: " + params);
        }
        break;
      }
      case 'K':
        for (int c = col; c < cols; c++) {
          cells[row][c] = ' ';
          reverse[row][c] = false;
        }
        break;
      case 'J':
        if (!params.equals("2")) {
          throw new AssertionError("unexpected ED " + params);
        }
        for (int r = 0; r < rows; r++) {
          java.util.Arrays.fill(cells[r], ' ');
          java.util.Arrays.fill(reverse[r], false);
        }
        break;
      case 'm':
        if (params.isEmpty() || params.equals("0")) {
          rev = false;
        } else if (params.equals("7")) {
          rev = true;
        } else {
          throw new AssertionError("unexpected SGR " + params);
        }
        break;
      default:
        throw new AssertionError("escape sequence a VT100 menu should not send: " + params + fin);
    }
  }
}
