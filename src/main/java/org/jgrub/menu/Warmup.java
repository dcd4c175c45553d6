package org.jgrub.menu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Discovery;
import org.jgrub.config.Entry;
import org.jgrub.config.GuestFiles;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Submenu;

/**
 * Exercises the menu without a console, for the class-data-sharing training run at build time:
 * the menu, its editor, line editor and command line run on an in-memory terminal, and the stty
 * child process is started with stdin from /dev/null (where it fails harmlessly), so the JDK's
 * process classes it needs are archived too. Nothing is read from or written to the real console.
 */
public final class Warmup {
  private Warmup() {}

  public static void run() throws IOException {
    Entry a =
        new Entry(
            "Linux", "", List.of(), "/boot/vmlinuz", List.of("/boot/initrd.img"), "ro quiet",
            Optional.of("hd0,msdos1"), Entry.Kind.LINUX, Optional.empty(), true,
            List.of("insmod ext2", "linux /boot/vmlinuz ro quiet", "initrd /boot/initrd.img"));
    List<MenuItem> items = List.of(a, new Submenu("Advanced", "", List.of(a, a)));
    // The first registered format is GRUB 2's, the menu most guests show.
    Menu m = new Menu(Discovery.FORMATS.get(0), "/boot/grub/grub.cfg", items, "", Optional.empty(), 5, false,
        Optional.empty(), List.of());
    // Down, Enter (submenu), Esc, 'c' help Enter Esc, Up, 'e' Down Enter ^E " x" Enter 'b'.
    String keys =
        "\033[B\r\033" + "\000c" + "help\r\033" + "\000\033[Ae\033[B\r\005 x\rb";
    MenuOutcome edited = run(m, keys);
    MenuOutcome appended = run(m, "a\177x\r");
    if (edited.how() != MenuOutcome.How.EDITED || appended.how() != MenuOutcome.How.EDITED) {
      throw new IllegalStateException("the menu warm-up did not reach the editors");
    }
    VtTerminal.stty("stty -g", ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  private static MenuOutcome run(Menu m, String keys) throws IOException {
    return BootMenu.run(m, new ScriptTerminal(keys), GuestFiles.none("hd0,msdos1", org.jgrub.io.Bounds.DEFAULT), new CountingClock());
  }

  /** Keys from a string ('\0' stands for a pause that ends an Escape); output discarded. */
  private static final class ScriptTerminal implements Terminal {
    private final byte[] keys;
    private int pos;

    ScriptTerminal(String keys) {
      this.keys = keys.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public int read(long timeoutMillis) {
      if (pos >= keys.length) {
        return EOF;
      }
      if (keys[pos] == 0) {
        if (timeoutMillis < 0) {
          pos++;
          return read(timeoutMillis);
        }
        pos++;
        return TIMEOUT;
      }
      return keys[pos++] & 0xff;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {}

    @Override
    public void flush() {}

    @Override
    public int rows() {
      return 24;
    }

    @Override
    public int columns() {
      return 80;
    }
  }

  /** A clock that never waits. */
  private static final class CountingClock implements Clock {
    private long now;

    @Override
    public long millis() {
      return now += 10;
    }
  }
}
