package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jgrub.config.Entry;
import org.jgrub.config.Menu;
import org.junit.jupiter.api.Test;

/** 'e' (the entry editor), 'a' (kernel arguments) and 'c' (the command line), by key sequences. */
class EditingTest {
  private static final String CTRL_A = "\u0001";
  private static final String CTRL_E = "\u0005";
  private static final String CTRL_K = "\u000b";
  private static final String CTRL_X = "\u0018";
  private static final String BACKSPACE = "\u007f";

  private static MenuOutcome run(Menu m, FakeTerminal t) throws IOException {
    return BootMenu.run(m, t, BootMenuTest.NO_FILES, t.clock);
  }

  private static String downs(int n) {
    return FakeTerminal.DOWN.repeat(n);
  }

  @Test
  void editorShowsTheEntryBodyAndBootsAnEditedKernelLine() throws IOException {
    Menu m = Menus.rhel7();
    FakeTerminal t = new FakeTerminal();
    // Lines: 0 load_video .. 5 set root .. 11 linux16, 12 initrd16. End goes to initrd16.
    t.type("e" + FakeTerminal.END + FakeTerminal.UP);
    t.type(FakeTerminal.ENTER + CTRL_E + " single" + FakeTerminal.ENTER);
    t.type("b");
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.EDITED, o.how());
    Entry orig = (Entry) m.items().get(0);
    Entry e = o.entry();
    assertEquals(orig.title(), e.title());
    assertEquals("/vmlinuz-3.10.0-54.0.1.el7.x86_64", e.kernel());
    assertEquals(orig.args() + " single", e.args());
    assertEquals(orig.initrds(), e.initrds());
    assertEquals(Optional.of("hd0,msdos1"), e.root());
    assertEquals(List.of(0), o.path());
    assertTrue(e.lines().get(11).endsWith("LANG=en_GB.UTF-8 single"), e.lines().get(11));
    String editor = t.frameWith("Editing: Red Hat Enterprise Linux Everything");
    assertNotNull(editor);
    assertTrue(editor.contains("| load_video"), editor);
    assertTrue(editor.contains("'o' to open a new line"), editor);
    // The original menu is untouched: edits are for this boot only.
    assertEquals(RHEL_ARGS_CHECK, ((Entry) m.items().get(0)).args().substring(0, 26));
  }

  private static final String RHEL_ARGS_CHECK = "root=/dev/mapper/rhel-root";

  @Test
  void deleteOpenAndReplaceLines() throws IOException {
    Menu m = Menus.rhel7();
    FakeTerminal t = new FakeTerminal();
    // Delete initrd16 (the last line), open a new one after the linux16 line, and change root.
    t.type("e" + FakeTerminal.END + "d");
    t.type("o" + "initrd16 /initramfs-custom.img" + FakeTerminal.ENTER);
    t.type(FakeTerminal.HOME + downs(5) + FakeTerminal.ENTER + CTRL_A + CTRL_K);
    t.type("set root='hd0,msdos2'" + FakeTerminal.ENTER + CTRL_X);
    MenuOutcome o = run(m, t);
    Entry e = o.entry();
    assertEquals(List.of("/initramfs-custom.img"), e.initrds());
    assertEquals(Optional.of("hd0,msdos2"), e.root());
    assertEquals(13, e.lines().size());
    assertEquals("initrd16 /initramfs-custom.img", e.lines().get(12));
  }

  @Test
  void openBeforeAndCancelledOpenLeavesNoLine() throws IOException {
    Menu m = Menus.rhel7();
    FakeTerminal t = new FakeTerminal();
    t.type("e" + "O" + "half typed");
    t.esc();
    t.type("O" + "echo hello" + FakeTerminal.ENTER + "b");
    MenuOutcome o = run(m, t);
    assertEquals("echo hello", o.entry().lines().get(0));
    assertEquals("load_video", o.entry().lines().get(1));
    assertEquals(14, o.entry().lines().size());
  }

  @Test
  void escapeInTheLineEditorKeepsTheLineAndEscapeInTheEditorForgetsEverything() throws IOException {
    Menu m = Menus.rhel7();
    FakeTerminal t = new FakeTerminal();
    t.type("e" + FakeTerminal.END + "d");
    t.esc();
    t.type(FakeTerminal.ENTER);
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals(m.items().get(0), o.entry());
  }

  @Test
  void removingTheKernelLineIsRefusedWithAMessage() throws IOException {
    Menu m = Menus.rhel7();
    FakeTerminal t = new FakeTerminal();
    t.type("e" + FakeTerminal.END + FakeTerminal.UP + "d" + "b");
    MenuOutcome o = BootMenu.run(noTimeout(m), t, BootMenuTest.NO_FILES, t.clock);
    assertEquals(MenuOutcome.How.CANCELLED, o.how());
    assertNotNull(t.frameWith("Cannot boot: the entry has no linux or kernel command"));
  }

  @Test
  void editingASubmenuEntryReportsItsPath() throws IOException {
    Menu m = Menus.ubuntu();
    FakeTerminal t = new FakeTerminal();
    // Advanced options > recovery mode; change nomodeset to nomodeset=0 (linux is line 10 of 13).
    t.type(FakeTerminal.DOWN + FakeTerminal.ENTER + FakeTerminal.DOWN + "e");
    t.type(downs(10) + FakeTerminal.ENTER + CTRL_E);
    t.type(FakeTerminal.LEFT.repeat(" biosdevname=0".length()) + "=0" + FakeTerminal.ENTER + "b");
    MenuOutcome o = run(m, t);
    assertEquals(List.of(1, 1), o.path());
    assertEquals(
        "root=/dev/mapper/BoxenSys00-root ro recovery nomodeset=0 biosdevname=0", o.entry().args());
  }

  @Test
  void unchangedLinesKeepTheValuesTheParserExpanded() throws IOException {
    // The Xen entry's multiboot line is untouched; only an echo line is deleted.
    Menu m = Menus.fedora16();
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN + FakeTerminal.DOWN + FakeTerminal.ENTER + "e" + downs(4) + "d" + "b");
    MenuOutcome o = run(m, t);
    Entry sub = (Entry) ((org.jgrub.config.Submenu) m.items().get(2)).items().get(0);
    assertEquals(sub.kernel(), o.entry().kernel());
    assertEquals(sub.args(), o.entry().args());
    assertEquals(sub.initrds(), o.entry().initrds());
    assertEquals(Entry.Kind.MULTIBOOT, o.entry().kind());
    assertEquals(9, o.entry().lines().size());
  }

  @Test
  void appendEditsTheKernelArgumentsAndBoots() throws IOException {
    Menu m = Menus.ubuntu();
    FakeTerminal t = new FakeTerminal();
    t.type("a" + BACKSPACE.repeat(" quiet".length()) + " single" + FakeTerminal.ENTER);
    MenuOutcome o = run(m, t);
    assertEquals(MenuOutcome.How.EDITED, o.how());
    assertEquals("root=/dev/mapper/BoxenSys00-root ro biosdevname=0 single", o.entry().args());
    assertEquals("/vmlinuz-3.13.0-44-generic", o.entry().kernel());
    assertNotNull(t.frameWith("append> root=/dev/mapper/BoxenSys00-root ro biosdevname=0 quiet"));
  }

  @Test
  void appendCancelledWithEscapeReturnsToTheMenu() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type("a" + "xyz");
    t.esc();
    t.type(FakeTerminal.ENTER);
    MenuOutcome o = run(Menus.ubuntu(), t);
    assertEquals(MenuOutcome.How.CHOSEN, o.how());
    assertEquals(Menus.ubuntu().items().get(0), o.entry());
  }

  @Test
  void eOnASubmenuSaysSo() throws IOException {
    FakeTerminal t = new FakeTerminal();
    t.type(FakeTerminal.DOWN + "e");
    FakeTerminalProbe.runUntilEof(Menus.ubuntu(), t);
    assertTrue(t.screen().contains("That is a submenu: press Enter to open it."), t.screen());
  }

  @Test
  void commandLineBootsWhatItWasToldAndShowsFiles() throws IOException {
    MemoryFiles files =
        new MemoryFiles("hd0,msdos1", List.of("hd0", "hd0,msdos1", "hd0,msdos2"))
            .add("hd0,msdos1", "/vmlinuz-6.1.0-13-amd64", "kernel bytes")
            .add("hd0,msdos1", "/initrd.img-6.1.0-13-amd64", "initrd bytes")
            .add("hd0,msdos1", "/grub/grub.cfg", "set default=0\nmenuentry 'x' {\n}\n")
            .add("hd0,msdos2", "/etc/fstab", "/dev/xvda2 / ext4 defaults 0 1\n");
    FakeTerminal t = new FakeTerminal();
    t.type("c" + "ls" + FakeTerminal.ENTER);
    t.type("ls (hd0,msdos1)/" + FakeTerminal.ENTER);
    t.type("cat (hd0,msdos2)/etc/fstab" + FakeTerminal.ENTER);
    t.type("boot" + FakeTerminal.ENTER);
    t.type("linux /vmlinuz-missing" + FakeTerminal.ENTER);
    t.type("linux /vmlinuz-6.1.0-13-amd64 root=/dev/xvda2 ro \"x=a b\"" + FakeTerminal.ENTER);
    t.type("initrd /initrd.img-6.1.0-13-amd64" + FakeTerminal.ENTER);
    t.type("frobnicate" + FakeTerminal.ENTER);
    t.type("boot" + FakeTerminal.ENTER);
    MenuOutcome o = BootMenu.run(Menus.ubuntu(), t, files, t.clock);
    assertEquals(MenuOutcome.How.COMMAND_LINE, o.how());
    Entry e = o.entry();
    assertEquals("/vmlinuz-6.1.0-13-amd64", e.kernel());
    assertEquals("root=/dev/xvda2 ro x=a b", e.args());
    assertEquals(List.of("/initrd.img-6.1.0-13-amd64"), e.initrds());
    assertEquals(List.of(), o.path());
    assertEquals(2, e.lines().size());
    String last = t.frames.get(t.frames.size() - 2);
    assertTrue(last.contains("(hd0) (hd0,msdos1) (hd0,msdos2)"), last);
    assertTrue(last.contains("grub/ initrd.img-6.1.0-13-amd64 vmlinuz-6.1.0-13-amd64"), last);
    assertTrue(last.contains("/dev/xvda2 / ext4 defaults 0 1"), last);
    assertTrue(last.contains("error: you need to load the kernel first."), last);
    assertTrue(last.contains("error: file '/vmlinuz-missing' not found."), last);
    assertTrue(last.contains("error: unknown command 'frobnicate' ignored"), last);
    assertTrue(last.contains("grub> boot"), last);
  }

  @Test
  void theCommandLinePromptFollowsItsOutputThenScrolls() throws IOException {
    MemoryFiles files = new MemoryFiles("hd0,msdos1", List.of("hd0", "hd0,msdos1"));
    FakeTerminal t = new FakeTerminal();
    t.type("c");
    t.type("ls" + FakeTerminal.ENTER);
    for (int i = 0; i < 40; i++) {
      t.type("frobnicate" + FakeTerminal.ENTER);
    }
    t.type(FakeTerminal.ESC + FakeTerminal.ESC);
    BootMenu.run(Menus.ubuntu(), t, files, t.clock);
    // The first frame of the command line: no output yet, the prompt under the two help lines.
    String[] empty = frame(t, "jgrub command line", 0);
    assertEquals("grub>", empty[3].trim());
    // After "ls": its echo and its output, then the prompt on the next row.
    String[] afterLs = frame(t, "(hd0) (hd0,msdos1)", 0);
    assertTrue(afterLs[3].startsWith("grub> ls"), afterLs[3]);
    assertTrue(afterLs[4].contains("(hd0) (hd0,msdos1)"), afterLs[4]);
    assertEquals("grub>", afterLs[5].trim());
    // Once the output fills the screen (24 rows), the prompt stays on row 22, the last but one.
    String[] full = lastFrame(t, "unknown command 'frobnicate'");
    assertEquals("grub>", full[22].trim(), String.join("\n", full));
    assertTrue(full[21].contains("unknown command 'frobnicate'"), full[21]);
  }

  /** The rows of the last frame showing {@code text}. */
  private static String[] lastFrame(FakeTerminal t, String text) {
    for (int i = t.frames.size() - 1; i >= 0; i--) {
      if (t.frames.get(i).contains(text)) {
        return t.frames.get(i).split("\n", -1);
      }
    }
    throw new AssertionError("no frame shows " + text);
  }

  /** The rows of the first frame showing {@code text} after frame {@code skip}. */
  private static String[] frame(FakeTerminal t, String text, int skip) {
    int seen = 0;
    for (String f : t.frames) {
      if (f.contains(text) && seen++ >= skip) {
        return f.split("\n", -1);
      }
    }
    throw new AssertionError("no frame shows " + text);
  }

  @Test
  void commandLineRootAppliesToPathsAndEscapeGoesBack() throws IOException {
    MemoryFiles files =
        new MemoryFiles("hd0,msdos1", List.of("hd0", "hd0,msdos1", "hd0,msdos2"))
            .add("hd0,msdos2", "/boot/vmlinuz", "k");
    FakeTerminal t = new FakeTerminal();
    t.type("c" + "set root=(hd0,msdos2)" + FakeTerminal.ENTER);
    t.type("linux /boot/vmlinuz" + FakeTerminal.ENTER + "boot" + FakeTerminal.ENTER);
    MenuOutcome o = BootMenu.run(Menus.ubuntu(), t, files, t.clock);
    assertEquals(Optional.of("hd0,msdos2"), o.entry().root());
    assertEquals("/boot/vmlinuz", o.entry().kernel());
    assertEquals("", o.entry().args());

    FakeTerminal u = new FakeTerminal();
    u.type("c" + "ls");
    u.esc();
    u.type(FakeTerminal.ENTER);
    assertEquals(MenuOutcome.How.CHOSEN, BootMenu.run(Menus.ubuntu(), u, files, u.clock).how());
  }

  @Test
  void catShowsOnlyTheStartOfABigFileAndNeutralisesControls() throws IOException {
    StringBuilder big = new StringBuilder();
    while (big.length() < 40_000) {
      big.append("filler line ").append(big.length()).append('\n');
    }
    MemoryFiles files =
        new MemoryFiles("hd0", List.of("hd0"))
            .add("hd0", "/big", big.toString())
            .add("hd0", "/ctl", "\033[2Jfirst \u009b1mline\n");
    FakeTerminal t = new FakeTerminal();
    t.type("c" + "cat /big" + FakeTerminal.ENTER + "cat /ctl" + FakeTerminal.ENTER);
    Menu m = noTimeout(Menus.ubuntu());
    BootMenu.run(m, t, files, t.clock);
    String f = t.frameWith("only the first 16384 bytes are shown");
    assertNotNull(f);
    assertNotNull(t.frameWith("?[2Jfirst ?1mline"));
  }

  static Menu noTimeout(Menu m) {
    return new Menu(
        m.format(), m.source(), m.items(), m.defaultSpec(), m.fallback(), -1, m.hidden(),
        m.password(), m.warnings());
  }

  @Test
  void commandLineRecallsEarlierCommands() throws IOException {
    MemoryFiles files =
        new MemoryFiles("hd0,msdos1", List.of("hd0,msdos1"))
            .add("hd0,msdos1", "/vmlinuz", "k")
            .add("hd0,msdos1", "/vmlinuz-old", "k");
    FakeTerminal t = new FakeTerminal();
    t.type("c" + "linux /vmlinuz-old ro" + FakeTerminal.ENTER + "ls" + FakeTerminal.ENTER);
    // Up twice: the linux command; edit it to the new kernel; Up, Down, Down: empty again.
    t.type(FakeTerminal.UP + FakeTerminal.UP + "\u0001" + "\u0006".repeat(14) + "\u000b");
    t.type(" quiet" + FakeTerminal.ENTER);
    t.type(FakeTerminal.UP + FakeTerminal.DOWN + FakeTerminal.DOWN + "boot" + FakeTerminal.ENTER);
    MenuOutcome o = BootMenu.run(Menus.ubuntu(), t, files, t.clock);
    assertEquals("/vmlinuz", o.entry().kernel());
    assertEquals("quiet", o.entry().args());
  }

  @Test
  void tabCompletesCommandsAndPaths() throws IOException {
    MemoryFiles files =
        new MemoryFiles("hd0,msdos1", List.of("hd0,msdos1"))
            .add("hd0,msdos1", "/boot/vmlinuz-6.1.0-13-amd64", "k")
            .add("hd0,msdos1", "/boot/vmlinuz-6.1.0-12-amd64", "k")
            .add("hd0,msdos1", "/boot/initrd.img-6.1.0-13-amd64", "i");
    FakeTerminal t = new FakeTerminal();
    // "li<Tab>" -> "linux"... no: linux, linux16, linuxefi share "linux"; then " /bo<Tab>" ->
    // "/boot/", "vm<Tab>" -> "vmlinuz-6.1.0-1" (two candidates), "3<Tab>" completes the file.
    t.type("c" + "li\t" + " /bo\t" + "vm\t" + "3\t" + "ro" + FakeTerminal.ENTER);
    t.type("ini\t" + " /boot/i\t" + FakeTerminal.ENTER + "boot" + FakeTerminal.ENTER);
    MenuOutcome o = BootMenu.run(Menus.ubuntu(), t, files, t.clock);
    assertEquals("/boot/vmlinuz-6.1.0-13-amd64", o.entry().kernel());
    assertEquals("ro", o.entry().args());
    assertEquals(List.of("/boot/initrd.img-6.1.0-13-amd64"), o.entry().initrds());
    assertNotNull(t.frameWith("possible completions: linux linux16 linuxefi"));
    assertNotNull(
        t.frameWith("possible completions: vmlinuz-6.1.0-12-amd64 vmlinuz-6.1.0-13-amd64"));
  }
}
