package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.MenuItem;
import org.jgrub.config.Password;
import org.jgrub.config.Submenu;
import org.junit.jupiter.api.Test;

/**
 * Random key sequences (fixed seeds) on real and hostile menus: the menu must always end, never
 * throw, and never send the terminal anything but the VT100 subset (the fake terminal fails the
 * test otherwise).
 */
class RandomKeysTest {
  private static final String[] KEYS = {
    FakeTerminal.UP, FakeTerminal.DOWN, FakeTerminal.LEFT, FakeTerminal.RIGHT, FakeTerminal.HOME,
    FakeTerminal.END, FakeTerminal.PGUP, FakeTerminal.PGDN, FakeTerminal.DELETE, "\r", "\n",
    "\u007f", "\u0001", "\u0005", "\u000b", "\u0015", "\u0018", "\u000c", "\u0003", "\u0010",
    "\u000e", "e", "a", "c", "p", "o", "O", "d", "x", " ", "/", "\033[15~", "\033[", "\033O",
    "\u00e9", "\u0000", "ls\r", "cat /x\r", "linux /vmlinuz\r", "help\r"
  };

  private static MenuOutcome randomRun(Menu m, long seed, int presses) throws IOException {
    Random r = new Random(seed);
    FakeTerminal t = new FakeTerminal();
    for (int i = 0; i < presses; i++) {
      int k = r.nextInt(KEYS.length + 2);
      if (k == KEYS.length) {
        t.esc();
      } else if (k == KEYS.length + 1) {
        t.pause(r.nextInt(3000));
      } else {
        t.type(KEYS[k]);
      }
    }
    MemoryFiles files =
        new MemoryFiles("hd0,msdos1", List.of("hd0,msdos1")).add("hd0,msdos1", "/vmlinuz", "k");
    return BootMenu.run(m, t, files, t.clock);
  }

  @Test
  void randomKeysOnRealMenusAlwaysEndCleanly() throws IOException {
    Menu[] menus = {
      Menus.ubuntu(), Menus.ubuntuAsShipped(), Menus.fedora16(), Menus.rhel7(), Menus.alpine(),
      Menus.lennyXen("password --md5 $1$abcdefgh$47MlUtwqzOEjMec2Kb6qJ1\n"),
      Menus.ubuntu(Optional.of(new Password("plain", "x", "root", List.of("root"))))
    };
    int outcomes = 0;
    for (int seed = 0; seed < 400; seed++) {
      MenuOutcome o = randomRun(menus[seed % menus.length], seed, 5 + seed % 60);
      assertNotNull(o);
      if (o.boots()) {
        assertNotNull(o.entry());
        outcomes++;
      }
    }
    // The sequences are long enough that many of them do choose something.
    assertTrue(outcomes > 100, "only " + outcomes + " runs chose an entry");
  }

  @Test
  void hostileMenuShapesStayQuick() throws IOException {
    // 5,000 entries; a submenu chain 200 deep; an entry with a 200,000-character line.
    List<MenuItem> many = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add(Entry.linux("entry " + i, "/vmlinuz-" + i, List.of(), "ro", Optional.empty()));
    }
    MenuItem deep = Entry.linux("bottom", "/vmlinuz", List.of(), "", Optional.empty());
    for (int i = 0; i < 200; i++) {
      deep = new Submenu("level " + i, "", List.of(deep));
    }
    String huge = "linux /vmlinuz " + "x".repeat(200_000);
    Entry wide =
        new Entry("wide", "", List.of(), "/vmlinuz", List.of(), "x", Optional.empty(),
            Entry.Kind.LINUX, Optional.empty(), false, List.of(huge, "initrd /i"));
    many.add(0, deep);
    many.add(1, wide);
    Menu m =
        new Menu(org.jgrub.config.grub2.Grub2Format.INSTANCE, "/grub.cfg", many, "", Optional.empty(), -1, false, Optional.empty(),
            List.of());
    long t0 = System.nanoTime();
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.END + FakeTerminal.PGUP + FakeTerminal.HOME);
    t.type("\r".repeat(201));
    MenuOutcome o = BootMenu.run(m, t, BootMenuTest.NO_FILES, t.clock);
    assertTrue("bottom".equals(o.entry().title()), o.entry().title());
    assertTrue(o.path().size() == 201);

    FakeTerminal u = new FakeTerminal();
    u.type(FakeTerminal.DOWN + "e" + "\r" + "\u0005" + "y\r" + "b");
    MenuOutcome w = BootMenu.run(m, u, BootMenuTest.NO_FILES, u.clock);
    // The edited line is cut at the line editor's bound and still boots.
    assertTrue(w.entry().args().length() <= LineEditor.MAX_LENGTH, "" + w.entry().args().length());
    assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
  }
}
