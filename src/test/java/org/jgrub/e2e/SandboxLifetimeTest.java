package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandboxed child dies with its parent: a parent killed by SIGTERM (as a toolstack that gives
 * up would) takes the child with it through the parent-death signal, even when the child could
 * not react (it is stopped here, so only SIGKILL ends it). Needs root and util-linux.
 */
class SandboxLifetimeTest {
  @TempDir Path tmp;

  @Test
  void theChildDiesWhenTheParentIsKilled() throws Exception {
    assertEquals("root", System.getProperty("user.name"), "--runas needs root");
    Path out = Files.createDirectory(tmp.resolve("out"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            "org.jgrub.cli.Main", "--runas=65534", "-q", "--output-directory=" + out,
            Fixtures.sample().toString())
        .redirectErrorStream(true)
        .redirectOutput(tmp.resolve("log").toFile())
        .start();
    long child = -1;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (child < 0 && System.nanoTime() < end && parent.isAlive()) {
      for (ProcessHandle h : parent.toHandle().children().toList()) {
        if (cmdline(h.pid()).contains("--sandboxed-child") && cmdline(h.pid()).startsWith(java)) {
          child = h.pid();
        }
      }
    }
    assertTrue(child > 0, "no sandboxed child seen: " + Files.readString(tmp.resolve("log")));
    signal("STOP", child);
    assertTrue(alive(child), "the child finished before it could be stopped");
    signal("TERM", parent.pid());
    assertTrue(parent.waitFor(10, TimeUnit.SECONDS), "the parent ignored SIGTERM");
    long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (alive(child) && System.nanoTime() < gone) {
      Thread.sleep(20);
    }
    boolean orphan = alive(child);
    if (orphan) {
      signal("KILL", child);
    }
    assertTrue(!orphan, "the sandboxed child " + child + " outlived its parent");
    assertEquals(List.of(), Files.list(out).toList());
  }

  private static String cmdline(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  /** Running, sleeping or stopped: not gone and not a zombie waiting to be reaped. */
  private static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      return false;
    }
  }

  private static void signal(String sig, long pid) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor());
  }
}
