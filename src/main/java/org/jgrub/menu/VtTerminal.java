package org.jgrub.menu;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jgrub.io.Budget;
import org.jgrub.io.UnsupportedFeatureException;

/**
 * The process's own console as a {@link Terminal}: stdin and stdout (never closed: they belong to
 * xl's pty), switched to raw mode with {@code stty raw -echo} and restored on {@link #close()} or at
 * exit. stty runs with jgrub's own stdin, so it changes the terminal the keys come from: under xl
 * the bootloader pty (which libxl's login_tty also makes the controlling terminal), and it works
 * as well when there is no controlling terminal at all.
 *
 * <p>The size comes from {@code stty size}; xl's pty has none (it says "0 0"), so 80x24 is assumed
 * then. Nothing is ever asked of the terminal, because nothing on xl's console answers.
 */
public final class VtTerminal implements Terminal, Closeable {
  private static final int DEFAULT_ROWS = 24;
  private static final int DEFAULT_COLUMNS = 80;
  /** How often a read with a timeout looks for input. */
  private static final long POLL_MILLIS = 10;

  private final InputStream in;
  private final FileOutputStream out;
  private final String saved;
  private final int rows;
  private final int cols;
  private final Thread restorer;
  private boolean closed;
  /** The terminal in raw mode now, if any: another thread that must print knows to end lines. */
  private static volatile VtTerminal active;

  /** The run's budget, whose deadline stops while the user is reading the menu. */
  private final Budget budget;

  private VtTerminal(String saved, int rows, int cols, Budget budget) {
    this.budget = budget;
    this.in = new FileInputStream(FileDescriptor.in);
    this.out = new FileOutputStream(FileDescriptor.out);
    this.saved = saved;
    this.rows = rows;
    this.cols = cols;
    this.restorer = new Thread(new Restore(saved), "jgrub-tty-restore");
    Runtime.getRuntime().addShutdownHook(restorer);
  }

  /**
   * Saves the terminal's settings, reads its size and switches it to raw mode. Time spent waiting
   * for keys is not charged to {@code budget}'s deadline.
   *
   * @throws UnsupportedFeatureException when stdin is not a terminal
   */
  public static VtTerminal open(Budget budget) throws IOException {
    // One shell for the three steps: each stty start costs a fork and exec on a busy dom0.
    String[] lines = stty("stty -g && stty size && stty raw -echo");
    if (lines == null || lines.length < 2) {
      throw new UnsupportedFeatureException(
          "the interactive menu needs a terminal on stdin (stty could not set raw mode)");
    }
    int r = DEFAULT_ROWS;
    int c = DEFAULT_COLUMNS;
    String size = lines[1].trim();
    int sp = size.indexOf(' ');
    if (sp > 0) {
      int pr = parse(size.substring(0, sp));
      int pc = parse(size.substring(sp + 1).trim());
      if (pr > 0 && pc > 0) {
        r = pr;
        c = pc;
      }
    }
    VtTerminal t = new VtTerminal(lines[0].trim(), r, c, budget);
    active = t;
    return t;
  }

  /**
   * How a line printed now must end: CR LF while the console is in raw mode (no output
   * processing, so LF alone would leave the next line starting where this one ended, and xl's
   * console would show a staircase), LF otherwise.
   */
  public static String lineEnd() {
    return active != null ? "\r\n" : "\n";
  }

  /**
   * Restores the console if the menu left it in raw mode: for a thread about to halt the process,
   * which skips the shutdown hook that would do it.
   */
  public static void restoreActive() {
    VtTerminal t = active;
    if (t != null) {
      try {
        t.close();
      } catch (IOException e) {
        // Halting anyway; the terminal stays raw.
      }
    }
  }

  @Override
  public int read(long timeoutMillis) throws IOException {
    // Time spent waiting for the user's keys does not count against the run's deadline.
    budget.pause();
    try {
      return waitForKey(timeoutMillis);
    } finally {
      budget.resume();
    }
  }

  private int waitForKey(long timeoutMillis) throws IOException {
    if (timeoutMillis < 0) {
      int b = in.read();
      return b < 0 ? EOF : b;
    }
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      if (in.available() > 0) {
        int b = in.read();
        return b < 0 ? EOF : b;
      }
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return TIMEOUT;
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return TIMEOUT;
      }
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return cols;
  }

  /** Restores the saved settings; stdin and stdout stay open. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    active = null;
    restore(saved);
    try {
      Runtime.getRuntime().removeShutdownHook(restorer);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway and restoring twice is harmless.
    }
  }

  /** Restores the terminal at exit when the menu did not get to (a signal, an error). */
  private static final class Restore implements Runnable {
    private final String saved;

    Restore(String saved) {
      this.saved = saved;
    }

    @Override
    public void run() {
      try {
        restore(saved);
      } catch (IOException e) {
        // Nothing more can be done at exit; the terminal stays raw.
      }
    }
  }

  private static void restore(String saved) throws IOException {
    // The saved form is stty's own "-g" output: hex fields and colons only.
    for (int i = 0; i < saved.length(); i++) {
      char ch = saved.charAt(i);
      if (!(ch == ':' || Character.digit(ch, 16) >= 0)) {
        stty("stty sane");
        return;
      }
    }
    stty("stty " + saved);
  }

  /** Runs {@code script} with our stdin; its output lines, or null when it failed. */
  private static String[] stty(String script) throws IOException {
    return stty(script, ProcessBuilder.Redirect.INHERIT);
  }

  /** Runs {@code script} with {@code input} as its stdin; its output lines, or null on failure. */
  static String[] stty(String script, ProcessBuilder.Redirect input) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script);
    pb.redirectInput(input);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      byte[] b = new byte[256];
      int n;
      while ((n = s.read(b)) > 0) {
        if (buf.size() < 4096) {
          buf.write(b, 0, n);
        }
      }
    }
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running stty", e);
    }
    if (rc != 0) {
      return null;
    }
    String text = new String(buf.toByteArray(), StandardCharsets.US_ASCII);
    return splitLines(text);
  }

  private static String[] splitLines(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    String[] out = new String[count];
    int start = 0;
    int k = 0;
    for (int i = 0; i < text.length() && k < count; i++) {
      if (text.charAt(i) == '\n') {
        out[k++] = text.substring(start, i);
        start = i + 1;
      }
    }
    return out;
  }

  private static int parse(String s) {
    if (s.isEmpty() || s.length() > 5) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return -1;
      }
      v = v * 10 + (ch - '0');
    }
    return v;
  }
}
