package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.LauncherFlags;
import org.junit.jupiter.api.Test;

/**
 * A JVM started with bin/jgrub's own flags prints exactly what jgrub prints: the toolstack parses
 * stdout, so nothing the JVM says about its options (CompileCommand announces itself unless told
 * to be quiet, a stale archive warns) may reach it.
 */
class LauncherFlagsTest {
  private static String[] run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(LauncherFlags.read());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.jgrub.cli.Main");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new String[] {
      Integer.toString(p.exitValue()),
      new String(out, StandardCharsets.UTF_8),
      new String(err, StandardCharsets.UTF_8)
    };
  }

  @Test
  void stdoutHoldsOnlyJgrubsOutput() throws Exception {
    String img = Fixtures.sample().toString();
    for (String[] args : List.of(new String[] {"-q", "-n", img}, new String[] {"-l", img})) {
      String[] r = run(args);
      Jgrub in = Jgrub.run(args);
      assertEquals("0", r[0], r[2]);
      assertEquals(in.out(), r[1]);
    }
  }

  @Test
  void theFlagsAreTheLaunchers() throws Exception {
    List<String> f = LauncherFlags.read();
    assertTrue(f.contains("-XX:CompileCommand=quiet"), f.toString());
    assertTrue(f.contains("-XX:+UseG1GC"), f.toString());
    // quiet must come before the commands it silences.
    int quiet = f.indexOf("-XX:CompileCommand=quiet");
    for (int i = 0; i < f.size(); i++) {
      if (f.get(i).startsWith("-XX:CompileCommand=CompileThresholdScaling")) {
        assertTrue(i > quiet, f.toString());
      }
    }
  }
}
