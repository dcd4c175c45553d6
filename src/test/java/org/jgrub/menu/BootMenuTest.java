package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.jgrub.config.Submenu;
import org.junit.jupiter.api.Test;

/** The main menu driven through the fake terminal: selection, countdown, submenus, scrolling. */
class BootMenuTest {
  static final MemoryFiles NO_FILES = new MemoryFiles("hd0,msdos1", List.of("hd0", "hd0,msdos1"));

  static MenuOutcome run(Menu menu, FakeTerminal t) throws IOException {
    return BootMenu.run(menu, t, NO_FILES, t.clock);
  }

  @Test
  void countdownBootsTheDefaultWhenNoKeyIsPressed() throws IOException {
    FakeTerminal t = new FakeTerminal();
    long start = t.clock.now;
    MenuOutcome o = run(Menus.ubuntu(), t);
    assertEquals(MenuOutcome.How.TIMEOUT, o.how());
    assertEquals("Ubuntu", o.entry().title());
    assertEquals(List.of(0), o.path());
    assertEquals(5000, t.clock.now - start);
    String first = t.frames.get(0);
    assertTrue(first.contains("Will boot selected entry in 5 seconds."), first);
    assertNotNull(t.frameWith("Will boot selected entry in 4 seconds."));
    assertNotNull(t.frameWith("Will boot selected entry in 1 second."));
    // The menu leaves a blank screen behind.
    assertEquals("", t.screen().trim());
  }

  @Test
  void countdownNamesTheEntryInsideASubmenuThatWillBoot() throws IOException {
    FakeTerminal t = new FakeTerminal(24, 100);
    MenuOutcome o = run(Menus.withDefault(Menus.ubuntu(), "1>1"), t);
    assertEquals(MenuOutcome.How.TIMEOUT, o.how());
    assertEquals(List.of(1, 1), o.path());
    String title = o.entry().title();
    assertEquals("Ubuntu, with Linux 3.13.0-44-generic (recovery mode)", title);
    assertNotNull(t.frameWith("\n    Will boot '" + title + "' in 5 seconds.\n"), t.frames.get(0));
    assertNotNull(t.frameWith("\n    Will boot '" + title + "' in 1 second.\n"));
    assertNull(t.frameWith("Will boot selected entry"));
  }

  @Test
  void aTitleTooLongForTheRowPutsTheTimeOnTheNextRow() throws IOException {
    FakeTerminal t = new FakeTerminal();
    run(Menus.withDefault(Menus.ubuntu(), "1>1"), t);
    assertNotNull(t.frameWith("\n    Will boot 'Ubuntu, with Linux 3.13.0-44-generic (recovery mode)'\n"
        + "    in 5 seconds.\n"), t.frames.get(0));
    FakeTerminal narrow = new FakeTerminal(24, 40);
    run(Menus.withDefault(Menus.ubuntu(), "1>1"), narrow);
    for (String row : narrow.frames.get(0).split("\n", -1)) {
      assertTrue(row.length() <= 40, row);
    }
    assertNotNull(narrow.frameWith("\n    Will boot 'Ubuntu, with Linux ...'\n"
        + "    in 5 seconds.\n"), narrow.frames.get(0));
  }

  @Test
  void firstFrameShowsTitleBoxSubmenuMarkerAndHelp() throws IOException {
    FakeTerminal t = new FakeTerminal();
    run(Menus.ubuntu(), t);
    String[] rows = t.frames.get(0).split("\n", -1);
    assertEquals("    jgrub boot menu", rows[1]);
    assertTrue(rows[2].startsWith(" +---"), rows[2]);
    assertTrue(rows[3].startsWith(" | Ubuntu "), rows[3]);
    assertTrue(rows[4].startsWith(" | Advanced options for Ubuntu >"), rows[4]);
    assertTrue(rows[5].startsWith(" | Memory test (memtest86+) "), rows[5]);
    assertTrue(rows[11].startsWith(" +---"), rows[11]);
    assertTrue(rows[14].contains("'e' to edit the commands"), rows[14]);
    assertTrue(rows[15].contains("'a' to modify the kernel arguments"), rows[15]);
  }

  @Test
  void highlightFollowsTheKeysAndEnterBootsTheSelection() throws IOException {
    FakeTerminal t = new FakeTerminal();
    // Down x3 reaches the serial memtest entry, ^P goes back up one, Enter.
    t.type(FakeTerminal.DOWN + FakeTerminal.DOWN + FakeTerminal.DOWN);
    t.type("\u0010" + FakeTerminal.ENTER);
    MenuOutcome o = run(Menus.ubuntu(), t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals("Memory test (memtest86+)", o.entry().title());
    assertEquals(List.of(2), o.path());
    String beforeEnter = t.frames.get(t.frames.size() - 2);
    assertTrue(beforeEnter.contains("Memory test (memtest86+)"));
  }

  @Test
  void anyKeyStopsTheCountdown() throws IOException {
    FakeTerminal t = new FakeTerminal();
    long start = t.clock.now;
    t.pause(2500).type(FakeTerminal.DOWN).pause(60_000).type(FakeTerminal.UP + FakeTerminal.ENTER);
    MenuOutcome o = run(Menus.ubuntu(), t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals("Ubuntu", o.entry().title());
    assertTrue(t.clock.now - start >= 62_500);
    String afterKey = t.frames.get(t.frames.size() - 2);
    assertTrue(!afterKey.contains("Will boot"), afterKey);
    assertNotNull(t.frameWith("Will boot selected entry in 3 seconds."));
  }

  @Test
  void highlightedRowIsReverseVideo() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN);
    run(Menus.ubuntu(), t);
    // Check the state before the final reset by replaying: frames keep text only, so run again
    // with a script that ends in the menu (EOF) and inspect the attributes there.
    FakeTerminal u = new FakeTerminal();
    u.type(FakeTerminal.DOWN).type(FakeTerminal.DOWN);
    FakeTerminalProbe.runUntilEof(Menus.ubuntu(), u);
    assertEquals("Memory test (memtest86+)", u.highlighted(5));
    assertEquals("", u.highlighted(3));
    assertEquals("", u.highlighted(4));
  }

  @Test
  void submenusOpenWithEnterAndCloseWithEscape() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN + FakeTerminal.ENTER);
    t.type(FakeTerminal.DOWN);
    t.esc();
    t.type(FakeTerminal.ENTER + FakeTerminal.DOWN + FakeTerminal.ENTER);
    MenuOutcome o = run(Menus.ubuntu(), t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals("Ubuntu, with Linux 3.13.0-44-generic (recovery mode)", o.entry().title());
    assertEquals(List.of(1, 1), o.path());
    String inside = t.frameWith("jgrub boot menu > Advanced options for Ubuntu");
    assertNotNull(inside);
    assertTrue(inside.contains("| Ubuntu, with Linux 3.13.0-44-generic "), inside);
    assertTrue(inside.contains("Esc returns to the previous menu."), inside);
    // After Esc the top level is back, with the submenu still highlighted.
    boolean sawTopAgain = false;
    for (int i = 0; i < t.frames.size(); i++) {
      if (t.frames.get(i).contains("(recovery mode)")
          && i + 1 < t.frames.size()
          && t.frames.get(i + 1).contains("| Memory test (memtest86+)")) {
        sawTopAgain = true;
      }
    }
    assertTrue(sawTopAgain);
  }

  @Test
  void defaultInsideASubmenuIsPreselectedThere() throws IOException {
    Menu m = Menus.ubuntu();
    Menu withDefault =
        new Menu(
            m.format(), m.source(), m.items(), "1>1", m.fallback(), 5, false, m.password(),
            m.warnings());
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.ENTER + FakeTerminal.ENTER);
    MenuOutcome o = run(withDefault, t);
    assertEquals(List.of(1, 1), o.path());
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    // And the timeout boots that entry without anyone opening the submenu.
    MenuOutcome timed = run(withDefault, new FakeTerminal());
    assertEquals(MenuOutcome.How.TIMEOUT, timed.how());
    assertEquals("Ubuntu, with Linux 3.13.0-44-generic (recovery mode)", timed.entry().title());
  }

  @Test
  void longMenusScrollWithArrowsHomeEndAndPages() throws IOException {
    Menu m = Menus.legacyMany(Optional.empty(), 20);
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.END);
    FakeTerminalProbe.runUntilEof(m, t);
    // Eight rows fit: entries 12..19, a '^' on the first row, the last highlighted.
    assertTrue(t.row(3).contains("kernel 2.6.32-28-amd64"), t.row(3));
    assertTrue(t.row(3).endsWith("^"), t.row(3));
    assertEquals("Debian GNU/Linux, kernel 2.6.32-21-amd64", t.highlighted(10));

    FakeTerminal u = new FakeTerminal();
    u.type(FakeTerminal.PGDN + FakeTerminal.PGDN + FakeTerminal.PGUP + FakeTerminal.DOWN);
    FakeTerminalProbe.runUntilEof(m, u);
    // PgDn to 8, PgDn to 16 (window 9..16), PgUp to 8 (window 8..15), Down to 9.
    assertEquals("Debian GNU/Linux, kernel 2.6.32-31-amd64", u.highlighted(4));
    assertTrue(u.row(3).contains("kernel 2.6.32-32-amd64"), u.row(3));
    assertTrue(u.row(3).endsWith("^"), u.row(3));
    assertTrue(u.row(10).endsWith("v"), u.row(10));

    FakeTerminal v = new FakeTerminal();
    v.type(FakeTerminal.END + FakeTerminal.HOME + FakeTerminal.ENTER);
    assertEquals(List.of(0), run(m, v).path());
  }

  @Test
  void timeoutMinusOneWaitsForEver() throws IOException {
    Menu m = Menus.ubuntu();
    Menu wait =
        new Menu(m.format(), m.source(), m.items(), "", m.fallback(), -1, false, m.password(),
            m.warnings());
    FakeTerminal t = new FakeTerminal();
    t.pause(3_600_000).type(FakeTerminal.ENTER);
    MenuOutcome o = run(wait, t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertNull(t.frameWith("Will boot"));
  }

  @Test
  void timeoutZeroBootsAtOnceWithoutTouchingTheTerminal() throws IOException {
    Menu m = Menus.ubuntu();
    Menu zero =
        new Menu(m.format(), m.source(), m.items(), "1>0", m.fallback(), 0, true, m.password(),
            m.warnings());
    FakeTerminal t = new FakeTerminal();
    MenuOutcome o = run(zero, t);
    assertEquals(MenuOutcome.How.TIMEOUT, o.how());
    assertEquals("Ubuntu, with Linux 3.13.0-44-generic", o.entry().title());
    assertEquals(0, t.bytesWritten());
    // No terminal is needed at all.
    assertEquals(o.entry(), BootMenu.run(zero, null, NO_FILES, t.clock).entry());
  }

  @Test
  void hiddenMenuBootsAfterItsTimeoutUnlessAKeyShowsIt() throws IOException {
    FakeTerminal t = new FakeTerminal();
    MenuOutcome o = run(Menus.alpine(), t);
    assertEquals(MenuOutcome.How.TIMEOUT, o.how());
    assertEquals("Linux 3.0.10-grsec", o.entry().title());
    assertNotNull(t.frameWith("Press any key to show the boot menu; booting the default in 3"));
    assertNull(t.frameWith("+---"));

    FakeTerminal u = new FakeTerminal();
    u.pause(1500).type(" ").pause(10_000).type(FakeTerminal.ENTER);
    MenuOutcome shown = run(Menus.alpine(), u);
    assertEquals(MenuOutcome.How.CHOSEN, shown.how());
    assertNotNull(u.frameWith("| Linux 3.0.10-grsec"));
    assertNull(u.frameWith("Will boot"));
  }

  @Test
  void endOfInputCancels() throws IOException {
    Menu m = Menus.ubuntu();
    Menu wait =
        new Menu(m.format(), m.source(), m.items(), "", m.fallback(), -1, false, m.password(),
            m.warnings());
    MenuOutcome o = run(wait, new FakeTerminal());
    assertEquals(MenuOutcome.How.CANCELLED, o.how());
    assertNull(o.entry());
  }

  @Test
  void redrawSendsOnlyTheRowsThatChanged() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.pause(1500).type(FakeTerminal.DOWN).type(FakeTerminal.DOWN);
    List<Long> sizes = FakeTerminalProbe.frameSizes(Menus.ubuntu(), t);
    // Frame 0 is the full screen; frame 1 a countdown tick; 2 and 3 move the highlight.
    assertTrue(sizes.get(0) > 500, "first frame " + sizes.get(0));
    assertTrue(sizes.get(1) < 80, "countdown tick " + sizes.get(1));
    // The key also clears the countdown row: two box rows plus one short row.
    assertTrue(sizes.get(2) < 2 * 90 + 30, "first move " + sizes.get(2));
    assertTrue(sizes.get(3) < 2 * 90 + 20, "second move " + sizes.get(3));
  }

  @Test
  void controlLRepaintsEverything() throws IOException {
    Menu m = Menus.ubuntu();
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN).type("\u000c");
    List<Long> sizes = FakeTerminalProbe.frameSizes(m, t);
    assertTrue(sizes.get(2) > 500, "after ^L " + sizes.get(2));
  }

  @Test
  void guestStringsCannotReachTheTerminalAsControls() throws IOException {
    String evil = "Evil \033[2J\033]0;owned\007 \u009b31m title\u007f\r\nmore \u00e9\ud83d\ude00";
    Entry e = Entry.linux(evil, "/vmlinuz", List.of(), "", Optional.empty());
    String longTitle = "L" + "o".repeat(200) + "ng";
    Entry l = Entry.linux(longTitle, "/vmlinuz", List.of(), "", Optional.empty());
    Menu m =
        new Menu(org.jgrub.config.grub2.Grub2Format.INSTANCE, "/grub.cfg", List.of(e, new Submenu(evil + longTitle, "", List.of(l)), l), "", Optional.empty(),
            -1, false, Optional.empty(), List.of());
    FakeTerminal t = new FakeTerminal();
    // The fake terminal fails the test on any control or non-ASCII byte in the output.
    FakeTerminalProbe.runUntilEof(m, t);
    assertTrue(t.row(3).contains("Evil ?[2J?]0;owned? ?31m title???more ???"), t.row(3));
    assertTrue(t.row(4).endsWith("... > |"), t.row(4));
    String longRow = t.row(5);
    assertTrue(longRow.contains("Looooo"), longRow);
    assertTrue(longRow.endsWith("... |"), longRow);
    assertEquals(79, longRow.length());
  }

  @Test
  void smallTerminalSizeFromSttyIsHonoured() throws IOException {
    FakeTerminal t = new FakeTerminal(30, 100);
    FakeTerminalProbe.runUntilEof(Menus.legacyMany(Optional.empty(), 20), t);
    // 30 rows: the box holds 14 entries; 100 columns: the box is 98 wide.
    assertTrue(t.row(16).contains("kernel 2.6.32-27-amd64"), t.row(16));
    assertEquals(99, t.row(2).length());
  }

  @Test
  void tinyTerminalStillWorks() throws IOException {
    FakeTerminal t = new FakeTerminal(10, 40);
    t.type(FakeTerminal.DOWN + FakeTerminal.ENTER + FakeTerminal.ENTER);
    MenuOutcome o = run(Menus.ubuntu(), t);
    assertEquals(List.of(1, 0), o.path());
    // One entry row fits; the rest of the layout falls off the bottom, unseen but harmless.
    assertTrue(t.frames.get(0).contains("| Ubuntu"), t.frames.get(0));
  }

  @Test
  void aDefaultThatDoesNotExistIsReportedOnTheMenu() throws IOException {
    Menu m = Menus.ubuntu();
    Menu missing =
        new Menu(m.format(), m.source(), m.items(), "no-such-entry", m.fallback(), 5, false,
            m.password(), m.warnings());
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN);
    FakeTerminalProbe.runUntilEof(missing, t);
    assertTrue(t.frames.get(0).contains(
        "Note: default entry 'no-such-entry' does not exist; using the first entry"),
        t.frames.get(0));
    // Any key clears it.
    assertTrue(!t.screen().contains("Note:"), t.screen());

    Menu longer =
        new Menu(m.format(), m.source(), m.items(), "gnulinux-advanced-does-not-exist>7", m.fallback(),
            5, false, m.password(), m.warnings());
    FakeTerminal u = new FakeTerminal();
    FakeTerminalProbe.runUntilEof(longer, u);
    // A long message continues on the next row, broken at a blank.
    assertEquals(
        "    Note: default entry 'gnulinux-advanced-does-not-exist>7' does not exist;", u.row(18));
    assertEquals("    using the first entry", u.row(19));
  }
}
