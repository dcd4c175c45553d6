package org.jgrub.menu;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jgrub.config.Menu;

/** Runs a menu until its script ends, leaving the last frame on the fake screen. */
final class FakeTerminalProbe {
  private FakeTerminalProbe() {}

  /**
   * Runs {@code menu} with its timeout removed, so the script's end is the input's end (EOF) and
   * the menu is cancelled; the fake screen then shows the frame drawn before the final reset.
   */
  static void runUntilEof(Menu menu, FakeTerminal t) throws IOException {
    Menu waiting =
        new Menu(
            menu.format(), menu.source(), menu.items(), menu.defaultSpec(), menu.fallback(), -1,
            false, menu.password(), menu.warnings());
    StopBeforeReset s = new StopBeforeReset(t);
    MenuOutcome o = BootMenu.run(waiting, s, BootMenuTest.NO_FILES, t.clock);
    if (o.how() != MenuOutcome.How.CANCELLED) {
      throw new AssertionError("the script chose an entry: " + o.entry().title());
    }
  }

  /** Byte counts of each frame written while running to the script's end. */
  static List<Long> frameSizes(Menu menu, FakeTerminal t) throws IOException {
    List<Long> sizes = new ArrayList<>();
    SizeRecorder r = new SizeRecorder(t, sizes);
    BootMenu.run(menu, r, BootMenuTest.NO_FILES, t.clock);
    return sizes;
  }

  /** Passes everything through but drops the final screen reset, to inspect the last frame. */
  private static final class StopBeforeReset implements Terminal {
    private final FakeTerminal t;

    StopBeforeReset(FakeTerminal t) {
      this.t = t;
    }

    @Override
    public int read(long timeoutMillis) {
      return t.read(timeoutMillis);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      if (t.scriptDone() && isReset(bytes, offset, length)) {
        return;
      }
      t.write(bytes, offset, length);
    }

    private static boolean isReset(byte[] b, int off, int len) {
      String s = new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
      return s.equals("\033[0m\033[H\033[2J");
    }

    @Override
    public void flush() {
      t.flush();
    }

    @Override
    public int rows() {
      return t.rows();
    }

    @Override
    public int columns() {
      return t.columns();
    }
  }

  private static final class SizeRecorder implements Terminal {
    private final FakeTerminal t;
    private final List<Long> sizes;

    SizeRecorder(FakeTerminal t, List<Long> sizes) {
      this.t = t;
      this.sizes = sizes;
    }

    @Override
    public int read(long timeoutMillis) {
      return t.read(timeoutMillis);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      sizes.add((long) length);
      t.write(bytes, offset, length);
    }

    @Override
    public void flush() {
      t.flush();
    }

    @Override
    public int rows() {
      return t.rows();
    }

    @Override
    public int columns() {
      return t.columns();
    }
  }
}
