package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrub.testutil.LauncherFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heap smaller than the default (PYGRUB_MAX_RAM_USAGE_MB can make the --runas child's as small
 * as 32 MiB) can run out on a hostile config that fits every Limits bound. That must still end in
 * one RuntimeError line that says what to do, not in a JVM stack trace.
 */
class SmallHeapTest {
  @TempDir Path tmp;

  @Test
  void outOfMemoryEndsInOneActionableLine() throws Exception {
    // 1 MiB of one-letter words in one entry: ~500,000 tokens, near the config size bound.
    StringBuilder cfg = new StringBuilder("menuentry a { linux /v");
    while (cfg.length() < 1_040_000) {
      cfg.append(" x");
    }
    cfg.append(" }\n");
    Path f = tmp.resolve("grub.cfg");
    Files.writeString(f, cfg, StandardCharsets.US_ASCII);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(LauncherFlags.read());
    cmd.add("-Xmx32m"); // after the launcher's -Xmx: the last one counts
    cmd.add("-Xmn8m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.jgrub.cli.Main");
    cmd.add("--isconfig");
    cmd.add(f.toString());
    Process p = new ProcessBuilder(cmd).start();
    p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue(), err);
    assertFalse(err.contains("Exception in thread"), err);
    assertFalse(err.contains("\tat "), err);
    String[] lines = err.strip().split("\n");
    String last = lines[lines.length - 1];
    assertTrue(last.startsWith("RuntimeError: out of memory in a heap of "), last);
    assertTrue(last.contains("PYGRUB_MAX_RAM_USAGE_MB"), last);
  }
}
