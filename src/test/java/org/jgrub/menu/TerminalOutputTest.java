package org.jgrub.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.LauncherFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result on stdout: escaped when stdout is a terminal (a crafted value must not drive the
 * administrator's console), byte-exact when it is a file or a pipe (the toolstack parses it). The
 * simple format is used because it carries values raw (sxp quotes them as Python does).
 */
class TerminalOutputTest {
  @Test
  void controlCharactersAreEscapedOnATerminalOnly(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jgrub = java + " " + String.join(" ", LauncherFlags.read()).replace("*", "\\*") + " -cp "
        + System.getProperty("java.class.path") + " org.jgrub.cli.Main -q -n --output-format=simple";
    Path file = dir.resolve("to-file");
    Path piped = dir.resolve("to-pipe");
    Path done = dir.resolve("done");
    Path script = dir.resolve("run.sh");
    String image = Fixtures.sample().toString();
    Files.writeString(script, String.join("\n",
        "A=$(printf 'x\\033[7mREVERSED\\033]0;retitled\\007y')",
        jgrub + " --args=\"$A\" " + image + " 2>/dev/null",
        jgrub + " --args=\"$A\" " + image + " > " + file + " 2>/dev/null",
        jgrub + " --args=\"$A\" " + image + " 2>/dev/null | cat > " + piped,
        "echo ok > " + done,
        "sleep 30", ""));
    try (Tmux t = new Tmux("jgrub-terminal-output")) {
      t.start("sh " + script);
      Tmux.waitForFile(done, 60_000);
      Thread.sleep(100);
      String screen = t.screen();
      assertTrue(screen.contains("console=hvc0 quiet x?[7mREVERSED?]0;retitled?y"), screen);
      String attrs = t.screenWithAttributes();
      assertTrue(!attrs.contains("\u001b[7m"), "the guest's SGR reached the terminal: " + attrs);
    }
    String raw = "kernel /boot/vmlinuz-6.1.0-13-amd64\nramdisk /boot/initrd.img-6.1.0-13-amd64\n"
        + "args root=/dev/xvda1 ro console=hvc0 quiet x\u001b[7mREVERSED\u001b]0;retitled\u0007y\n\n";
    assertEquals(raw, Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(raw, Files.readString(piped, StandardCharsets.UTF_8));
  }
}
