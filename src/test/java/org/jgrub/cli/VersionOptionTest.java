package org.jgrub.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** --version needs no disk, prints to stdout and names the runtime this process runs on. */
class VersionOptionTest {
  @Test
  void versionNeedsNoImageAndNamesTheRuntime() throws Exception {
    assertTrue(Options.parse(new String[] {"--version"}).version);
    assertTrue(Options.parse(new String[] {"--vers"}).version, "a unique prefix, as getopt takes it");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int st = Main.run(new String[] {"--version"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, st);
    assertEquals("", err.toString(StandardCharsets.UTF_8));
    String[] lines = text.split("\n");
    assertEquals(2, lines.length, text);
    assertTrue(lines[0].startsWith("jgrub "), text);
    assertTrue(lines[1].contains(System.getProperty("java.runtime.version")), text);
    assertTrue(lines[1].endsWith(" in " + System.getProperty("java.home")), text);
  }
}
