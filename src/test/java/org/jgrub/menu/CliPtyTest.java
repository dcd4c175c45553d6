package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.LauncherFlags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jgrub's own command line ({@code org.jgrub.cli.Main}, what bin/jgrub execs, with its JVM flags)
 * run with {@code -i} on the sample image on a real pty under tmux, TERM=vt100, as xl runs it:
 * keys in, the screen read back, and the output file checked for what was booted.
 */
@Tag("tmux")
class CliPtyTest {
  private static String jgrub(String args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // bin/jgrub's own JVM flags (less its archive); surefire's class path (its booter jar names
    // target/classes and the dependencies).
    return java + " " + String.join(" ", LauncherFlags.read()).replace("*", "\\*") + " -cp "
        + System.getProperty("java.class.path") + " org.jgrub.cli.Main " + args;
  }

  @Test
  void editSubmenuEntryAndBootIt(@TempDir Path dir) throws Exception {
    Path image = Fixtures.sample();
    Path out = dir.resolve("out");
    Files.createFile(out);
    Path rc = dir.resolve("rc");
    String cmd =
        "sh -c '" + jgrub("-i -n --output=" + out + " --output-format=sxp " + image)
            + "; echo $? > " + rc + "; sleep 30'";
    try (Tmux t = new Tmux("jgrub-cli-test")) {
      t.start(cmd);
      String s = t.waitFor("Will boot selected entry in", 30_000);
      assertTrue(s.contains("| Debian GNU/Linux "), s);
      t.keys("Down", "Enter");
      t.waitFor("jgrub boot menu > Advanced options for Debian GNU/Linux", 5_000);
      t.keys("Down", "Down", "e");
      t.waitFor("Editing: Debian GNU/Linux, with Linux 6.1.0-12-amd64", 5_000);
      // The last three lines are: echo, linux, echo, initrd. End, Up, Up: the linux line.
      t.keys("End", "Up", "Up", "Enter", "C-e");
      t.literal(" single");
      t.waitFor("console=hvc0 quiet single", 5_000);
      t.keys("Enter", "C-x");
      Tmux.waitForFile(rc, 20_000);
      Thread.sleep(100);
      assertEquals("0", Files.readString(rc).trim());
      String o = Files.readString(out, StandardCharsets.UTF_8);
      assertEquals(
          "linux (kernel '/boot/vmlinuz-6.1.0-12-amd64')(ramdisk '/boot/initrd.img-6.1.0-12-amd64')"
              + "(args 'root=/dev/xvda1 ro console=hvc0 quiet single')",
          o);
      // The menu cleared the screen when it ended; only jgrub's log lines follow it.
      String after = t.screen();
      assertTrue(!after.contains("+----"), after);
    }
  }

  @Test
  void countdownBootsTheDefault(@TempDir Path dir) throws Exception {
    Path image = Fixtures.sample();
    Path out = dir.resolve("out");
    Files.createFile(out);
    Path rc = dir.resolve("rc");
    String cmd =
        "sh -c '" + jgrub("-i -n --output=" + out + " --output-format=simple " + image)
            + "; echo $? > " + rc + "; sleep 30'";
    try (Tmux t = new Tmux("jgrub-cli-test2")) {
      t.start(cmd);
      t.waitFor("Will boot selected entry in", 30_000);
      Tmux.waitForFile(rc, 20_000);
      Thread.sleep(100);
      assertEquals("0", Files.readString(rc).trim());
      String o = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(o.contains("kernel /boot/vmlinuz-6.1.0-13-amd64\n"), o);
      assertTrue(o.contains("args root=/dev/xvda1 ro console=hvc0 quiet\n"), o);
    }
  }
}
