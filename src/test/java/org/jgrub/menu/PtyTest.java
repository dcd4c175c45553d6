package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The menu on a real pseudo-terminal under tmux with TERM=vt100, as xl runs it: raw mode through
 * stty, keys as the terminal sends them, the screen as a terminal shows it, and the terminal's
 * settings restored afterwards.
 */
@Tag("tmux")
class PtyTest {
  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String classpath() {
    Path base = Path.of(System.getProperty("user.dir"));
    return base.resolve("target/classes") + ":" + base.resolve("target/test-classes");
  }

  @Test
  void keysOnARealPtyEditAndBootASubmenuEntry(@TempDir Path dir) throws Exception {
    Path outcome = dir.resolve("outcome");
    Path before = dir.resolve("stty-before");
    Path after = dir.resolve("stty-after");
    String cmd =
        "sh -c 'stty -g > " + before + "; " + java() + " -cp " + classpath()
            + " org.jgrub.menu.MenuOnPty " + outcome + " ubuntu; stty -g > " + after
            + "; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test")) {
      t.start(cmd);
      String s = t.waitFor("Will boot selected entry in", 30_000);
      assertTrue(s.contains("jgrub boot menu"), s);
      t.keys("Down");
      t.waitFor("Advanced options for Ubuntu >", 5_000);
      assertTrue(t.screenWithAttributes().contains("\033[7m"), "no reverse video on the pty");
      t.keys("Enter");
      t.waitFor("jgrub boot menu > Advanced options for Ubuntu", 5_000);
      t.keys("e");
      t.waitFor("Editing: Ubuntu, with Linux 3.13.0-44-generic", 5_000);
      t.keys("End", "Up", "Up", "Enter", "C-e");
      t.literal(" single");
      // While editing, the line scrolls sideways to keep the cursor (at its end) in view.
      t.waitFor("biosdevname=0 quiet single", 5_000);
      t.keys("Enter");
      t.waitFor("| linux /vmlinuz-3.13.0-44-generic root=/dev/mapper/BoxenSys00-root ro bi...", 5_000);
      t.keys("b");
      Tmux.waitForFile(outcome, 20_000);
      String o = Files.readString(outcome, StandardCharsets.UTF_8);
      assertTrue(o.contains("how=EDITED\n"), o);
      assertTrue(o.contains("title=Ubuntu, with Linux 3.13.0-44-generic\n"), o);
      assertTrue(o.contains("kernel=/vmlinuz-3.13.0-44-generic\n"), o);
      assertTrue(
          o.contains("args=root=/dev/mapper/BoxenSys00-root ro biosdevname=0 quiet single\n"), o);
      assertTrue(o.contains("path=[1, 0]\n"), o);
      Tmux.waitForFile(after, 10_000);
      Thread.sleep(200);
      assertEquals(Files.readString(before).trim(), Files.readString(after).trim());
      // The menu left a blank screen.
      assertEquals("", t.screen().trim());
    }
  }

  @Test
  void countdownOnARealPtyBootsTheDefault(@TempDir Path dir) throws Exception {
    Path outcome = dir.resolve("outcome");
    String cmd =
        "sh -c '" + java() + " -cp " + classpath() + " org.jgrub.menu.MenuOnPty " + outcome
            + " rhel; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test2")) {
      long start = System.nanoTime();
      t.start(cmd);
      t.waitFor("Will boot selected entry in", 30_000);
      Tmux.waitForFile(outcome, 20_000);
      long ms = (System.nanoTime() - start) / 1_000_000L;
      String o = Files.readString(outcome, StandardCharsets.UTF_8);
      assertTrue(o.contains("how=TIMEOUT\n"), o);
      assertTrue(o.contains("kernel=/vmlinuz-3.10.0-54.0.1.el7.x86_64\n"), o);
      assertTrue(ms >= 5000, "booted after " + ms + " ms");
    }
  }

  @Test
  void countdownToAnEntryInASubmenuNamesIt(@TempDir Path dir) throws Exception {
    Path outcome = dir.resolve("outcome");
    String cmd =
        "sh -c '" + java() + " -cp " + classpath() + " org.jgrub.menu.MenuOnPty " + outcome
            + " ubuntu-submenu-default; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test-subdefault")) {
      t.start(cmd);
      // 80 columns: the title fills the countdown row, the time goes on the row below.
      String s = t.waitFor("Will boot 'Ubuntu, with Linux 3.13.0-44-generic (recovery mode)'", 30_000);
      assertTrue(s.contains("\n    Will boot 'Ubuntu, with Linux 3.13.0-44-generic (recovery mode)'\n"
          + "    in "), s);
      Tmux.waitForFile(outcome, 20_000);
      String o = Files.readString(outcome, StandardCharsets.UTF_8);
      assertTrue(o.contains("how=TIMEOUT\n"), o);
      assertTrue(o.contains("path=[1, 1]\n"), o);
    }
  }

  @Test
  void linesPrintedInRawModeStartInColumnZero() throws Exception {
    String cmd = "sh -c '" + java() + " -cp " + classpath() + " org.jgrub.menu.RawLinesOnPty;"
        + " echo done; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test-rawlines")) {
      t.start(cmd);
      String s = t.waitFor("done", 30_000);
      // Without CR in raw mode, "raw two" would start in column 7, under the end of "raw one".
      assertTrue(s.contains("raw one\nraw two\ncooked one\ncooked two\ndone"), s);
    }
  }

  @Test
  void passwordPromptOnARealPty(@TempDir Path dir) throws Exception {
    Path outcome = dir.resolve("outcome");
    String cmd =
        "sh -c '" + java() + " -cp " + classpath() + " org.jgrub.menu.MenuOnPty " + outcome
            + " ubuntu-locked; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test3")) {
      t.start(cmd);
      t.waitFor("Will boot selected entry in", 30_000);
      t.keys("End", "Enter");
      t.waitFor("Enter username:", 5_000);
      t.literal("root");
      t.keys("Enter");
      t.waitFor("Enter password:", 5_000);
      t.literal("hunter2");
      String s = t.waitFor("Enter password: *******", 5_000);
      assertTrue(!s.contains("hunter2"), s);
      t.keys("Enter");
      Tmux.waitForFile(outcome, 20_000);
      String o = Files.readString(outcome, StandardCharsets.UTF_8);
      assertTrue(o.contains("title=Memory test (memtest86+, serial console 115200)\n"), o);
      assertTrue(o.contains("how=CHOSEN\n"), o);
    }
  }

  @Test
  void commandLineOnTheSampleImageReadsTheGuestAndBootsWhatItWasTold(@TempDir Path dir)
      throws Exception {
    Path image = org.jgrub.testutil.Fixtures.sample();
    Path outcome = dir.resolve("outcome");
    String cmd =
        "sh -c '" + java() + " -cp " + classpath() + " org.jgrub.menu.ImageMenuOnPty " + outcome
            + " " + image + "; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test4")) {
      t.start(cmd);
      t.waitFor("Will boot selected entry in", 30_000);
      String s = t.screen();
      assertTrue(s.contains("| Debian GNU/Linux "), s);
      assertTrue(s.contains("| Advanced options for Debian GNU/Linux >"), s);
      t.keys("c");
      t.waitFor("jgrub command line", 5_000);
      t.literal("ls");
      t.keys("Enter");
      t.waitFor("(hd0,msdos1)", 5_000);
      t.literal("ls /boot");
      t.keys("Enter");
      t.waitFor("vmlinuz-6.1.0-12-amd64", 5_000);
      t.literal("cat /boot/grub/grubenv");
      t.keys("Enter");
      t.waitFor("# GRUB Environment Block", 5_000);
      t.literal("linux /boot/vmlinuz-6.1.0-12-amd64 root=/dev/xvda1 ro console=hvc0 single");
      t.keys("Enter");
      t.literal("initrd /boot/initrd.img-6.1.0-12-amd64");
      t.keys("Enter");
      t.waitFor("initrd: /boot/initrd.img-6.1.0-12-amd64", 5_000);
      t.literal("boot");
      t.keys("Enter");
      Tmux.waitForFile(outcome, 20_000);
      String o = Files.readString(outcome, StandardCharsets.UTF_8);
      assertTrue(o.contains("how=COMMAND_LINE\n"), o);
      assertTrue(o.contains("kernel=/boot/vmlinuz-6.1.0-12-amd64 on "), o);
      assertTrue(o.contains("initrd=/boot/initrd.img-6.1.0-12-amd64 on "), o);
      assertTrue(o.contains("args=root=/dev/xvda1 ro console=hvc0 single\n"), o);
    }
  }

  @Test
  void submenuEntryEditedOnTheSampleImageIsLocated(@TempDir Path dir) throws Exception {
    Path image = org.jgrub.testutil.Fixtures.sample();
    Path outcome = dir.resolve("outcome");
    String cmd =
        "sh -c '" + java() + " -cp " + classpath() + " org.jgrub.menu.ImageMenuOnPty " + outcome
            + " " + image + "; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test5")) {
      t.start(cmd);
      t.waitFor("Will boot selected entry in", 30_000);
      t.keys("Down", "Enter");
      t.waitFor("jgrub boot menu > Advanced options for Debian GNU/Linux", 5_000);
      // The third entry of the submenu: Linux 6.1.0-12-amd64. 'a' edits its arguments.
      t.keys("Down", "Down", "a");
      t.waitFor("append> root=/dev/xvda1 ro console=hvc0 quiet", 5_000);
      t.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace");
      t.literal("init=/bin/sh");
      t.keys("Enter");
      Tmux.waitForFile(outcome, 20_000);
      String o = Files.readString(outcome, StandardCharsets.UTF_8);
      assertTrue(o.contains("how=EDITED\n"), o);
      assertTrue(o.contains("title=Debian GNU/Linux, with Linux 6.1.0-12-amd64\n"), o);
      assertTrue(o.contains("kernel=/boot/vmlinuz-6.1.0-12-amd64 on "), o);
      assertTrue(o.contains("args=root=/dev/xvda1 ro console=hvc0 init=/bin/sh\n"), o);
    }
  }

  @Test
  void withoutATerminalOnStdinTheMenuRefusesCleanly(@TempDir Path dir) throws Exception {
    Path outcome = dir.resolve("outcome");
    Process p =
        new ProcessBuilder(java(), "-cp", classpath(), "org.jgrub.menu.MenuOnPty",
                outcome.toString(), "ubuntu")
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, p.waitFor());
    assertTrue(
        out.contains("UnsupportedFeatureException: the interactive menu needs a terminal on stdin"),
        out);
    assertTrue(!Files.exists(outcome));
    // Nothing was drawn: stdout holds only the exception.
    assertTrue(!out.contains("\033["), out);
  }

  @Test
  void aPtyWithoutASizeGetsEightyByTwentyFour(@TempDir Path dir) throws Exception {
    // xl's bootloader pty has no window size: stty size says "0 0".
    Path outcome = dir.resolve("outcome");
    String cmd =
        "sh -c 'stty rows 0 cols 0; " + java() + " -cp " + classpath()
            + " org.jgrub.menu.MenuOnPty " + outcome + " ubuntu; sleep 30'";
    try (Tmux t = new Tmux("jgrub-menu-test6")) {
      t.start(cmd, 120, 40);
      String s = t.waitFor("Will boot selected entry in", 30_000);
      String border = null;
      String[] rows = s.split("\n", -1);
      for (String r : rows) {
        if (r.startsWith(" +--")) {
          border = r.stripTrailing();
          break;
        }
      }
      assertEquals(" +" + "-".repeat(76) + "+", border);
      // The countdown sits on row 21 of 24, not further down the 40-row window.
      assertTrue(rows[20].contains("Will boot selected entry in"), s);
      t.keys("Enter");
      Tmux.waitForFile(outcome, 20_000);
      assertTrue(Files.readString(outcome).contains("how=CHOSEN\n"));
    }
  }
}
