package org.jgrub.cli;

import java.io.PrintStream;

/**
 * {@code jgrub cp}'s progress for large files: one line on stderr, rewritten in place ("copying
 * /boot/initrd.img: 34 MiB of 60 MiB") and blanked when the file is done; only when stderr is a
 * terminal, never into a pipe or a log. Plain carriage returns and spaces, no escape sequences,
 * so a dumb terminal shows it too.
 */
final class Progress {
  /** Files smaller than this copy in well under a second: no line for them. */
  static final long SHOWN_FROM = 16L << 20;
  /** Rewrites at most this often. */
  static final long EVERY_NANOS = 200_000_000L;

  private final PrintStream err;

  private Progress(PrintStream err) {
    this.err = err;
  }

  static final Progress NONE = new Progress(null);

  /** Progress on {@code err} when it is the process's stderr and that is a terminal. */
  static Progress forStderr(PrintStream err) {
    return err == System.err && Console.stderrIsTerminal() ? to(err) : NONE;
  }

  /** Progress on {@code err}, whatever it is. */
  static Progress to(PrintStream err) {
    return new Progress(err);
  }

  /** The progress of one file of {@code size} bytes; nothing shown for small ones. */
  File start(String path, long size) {
    return new File(err == null || size < SHOWN_FROM ? null : err, path, size);
  }

  /** The line shown: the guest path (its control characters replaced) and whole MiB. */
  static String line(String path, long done, long size) {
    return "copying " + Sanitize.text(path) + ": " + (done >> 20) + " MiB of " + (size >> 20)
        + " MiB";
  }

  /** One file's line. */
  static final class File {
    private final PrintStream err;
    private final String path;
    private final long size;
    private long lastMib = -1;
    private long lastNanos;
    private int width;

    private File(PrintStream err, String path, long size) {
      this.err = err;
      this.path = path;
      this.size = size;
    }

    /** {@code done} bytes written. */
    void at(long done) {
      if (err == null || done >> 20 == lastMib) {
        return;
      }
      long now = System.nanoTime();
      if (lastMib >= 0 && now - lastNanos < EVERY_NANOS) {
        return;
      }
      lastMib = done >> 20;
      lastNanos = now;
      String s = line(path, done, size);
      err.print("\r" + pad(s, width));
      err.flush();
      width = Math.max(width, s.length());
    }

    /** Blanks the line. */
    void done() {
      if (err != null && width > 0) {
        err.print("\r" + pad("", width) + "\r");
        err.flush();
      }
    }
  }

  /** {@code s} with spaces to {@code width}, covering a longer line shown before. */
  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
