package org.jgrub.menu;

import java.io.IOException;

/**
 * The console the menu runs on: bytes in (with a timeout), bytes out, and a size. The menu speaks
 * only VT100 to it, because that is all libxl promises ({@code TERM=vt100} on a pty).
 */
public interface Terminal {
  /** {@link #read} found no byte within the timeout. */
  int TIMEOUT = -1;

  /** {@link #read} found the end of the input: nobody will ever type again. */
  int EOF = -2;

  /**
   * The next input byte (0..255), waiting at most {@code timeoutMillis} (negative waits for ever);
   * {@link #TIMEOUT} or {@link #EOF} otherwise.
   */
  int read(long timeoutMillis) throws IOException;

  /** Queues bytes for the screen; nothing need appear before {@link #flush()}. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  void flush() throws IOException;

  /** Rows of the screen (24 when the terminal does not say). */
  int rows();

  /** Columns of the screen (80 when the terminal does not say). */
  int columns();
}
