package org.jgrub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrub.api.Disk;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that stops answering in the middle of the kernel copy: the sample guest served through
 * FUSE (fixtures/stall-fs.py), every read of the kernel's first block never returning. No check
 * inside the run can fire while its only thread waits in that read; the deadline's watchdog must
 * print the error, remove the kernel file it had begun and stop the process. The process can be
 * reaped only once the read is failed (the kernel keeps a thread in a FUSE or hard-mounted NFS
 * read uninterruptible), so the test times the error line, then aborts the FUSE connection.
 * Needs root (FUSE mounts, fusectl) and Debian's python3 with python3-fusepy.
 */
@Tag("root")
@Tag("python")
class StalledDiskTest {
  private static final int DEADLINE_S = 2;

  @TempDir Path tmp;

  @Test
  void theWatchdogStopsARunWhoseReadNeverReturns() throws Exception {
    assertEquals("root", System.getProperty("user.name"), "FUSE mounts need root here");
    Path sample = Fixtures.sample();
    long kernelAt = kernelOffset(sample);
    Path mnt = Files.createDirectory(tmp.resolve("mnt"));
    Path out = Files.createDirectory(tmp.resolve("out"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Process fuse = new ProcessBuilder("/usr/bin/python3", "fixtures/stall-fs.py",
            sample.toString(), mnt.toString(), Long.toString(kernelAt),
            Long.toString(kernelAt + 4096))
        .redirectErrorStream(true).redirectOutput(tmp.resolve("fuse.log").toFile()).start();
    Path disk = mnt.resolve("disk.img");
    Process jgrub = null;
    try {
      long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!Files.exists(disk) && System.nanoTime() < ready && fuse.isAlive()) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(disk), "no FUSE mount: " + Files.readString(tmp.resolve("fuse.log")));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "org.jgrub.cli.Main", "-q", "--output-directory=" + out, disk.toString());
      pb.environment().put("JGRUB_DEADLINE_S", Integer.toString(DEADLINE_S));
      long start = System.nanoTime();
      jgrub = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      List<String> err = new ArrayList<>();
      long[] errorAt = {-1};
      Process p = jgrub;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            synchronized (err) {
              err.add(l);
              if (l.contains("work budget 'deadline' exhausted") && errorAt[0] < 0) {
                errorAt[0] = System.nanoTime();
              }
            }
          }
        } catch (IOException e) {
          // The stream ends when the process does.
        }
      });
      reader.setDaemon(true);
      reader.start();
      // The kernel file is created before the copy stalls, and stays while the read waits.
      boolean kernelFileSeen = false;
      long give = start + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < give) {
        try (var s = Files.list(out)) {
          kernelFileSeen |= s.anyMatch(f -> f.getFileName().toString().startsWith("boot_kernel."));
        }
        synchronized (err) {
          if (errorAt[0] > 0) {
            break;
          }
        }
        Thread.sleep(20);
      }
      synchronized (err) {
        assertTrue(errorAt[0] > 0, "no deadline error within 60 s: " + err);
        double s = (errorAt[0] - start) / 1e9;
        // The deadline, the watchdog's grace of 2 s, and a JVM start on a busy machine.
        assertTrue(s >= DEADLINE_S && s < DEADLINE_S + 2 + 10, "error after " + s + " s");
        assertTrue(err.get(err.size() - 1).startsWith("RuntimeError: work budget 'deadline'"
            + " exhausted: jgrub took longer than 2 s"), err.toString());
      }
      assertTrue(kernelFileSeen, "the run never reached the kernel copy");
      try (var s = Files.list(out)) {
        assertEquals(List.of(), s.toList(), "the kernel file begun is removed");
      }
      abortFuse(mnt);
      assertTrue(jgrub.waitFor(20, TimeUnit.SECONDS), "jgrub did not end once the read failed");
      assertEquals(1, jgrub.exitValue());
    } finally {
      if (jgrub != null && jgrub.isAlive()) {
        abortFuse(mnt);
        jgrub.destroyForcibly();
      }
      new ProcessBuilder("umount", "-l", mnt.toString()).start().waitFor();
      fuse.destroyForcibly();
      fuse.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Where the default kernel's first bytes lie in the image (the copy reads them first). */
  private static long kernelOffset(Path sample) throws IOException {
    Jgrub n = Jgrub.run("-q", "-n", sample.toString());
    Matcher m = Pattern.compile("kernel '([^']+)'").matcher(n.out());
    assertTrue(m.find(), n.out());
    byte[] head;
    try (Disk d = Disk.open(sample)) {
      FileSystem fs = d.volume("hd0,msdos1").fileSystem().orElseThrow();
      head = java.util.Arrays.copyOf(Files.readAllBytes(fs.getPath(m.group(1))), 4096);
    }
    byte[] img = Files.readAllBytes(sample);
    outer:
    for (int at = 0; at + head.length <= img.length; at += 512) {
      for (int i = 0; i < head.length; i++) {
        if (img[at + i] != head[i]) {
          continue outer;
        }
      }
      return at;
    }
    throw new AssertionError("the kernel's first block is not in the image");
  }

  /** Fails every pending request of the FUSE mount at {@code mnt} (fusectl's abort). */
  private static void abortFuse(Path mnt) throws IOException, InterruptedException {
    Path ctl = Path.of("/sys/fs/fuse/connections");
    if (!Files.exists(ctl.resolve("..")) || isEmpty(ctl)) {
      new ProcessBuilder("mount", "-t", "fusectl", "none", ctl.toString()).start().waitFor();
    }
    long dev = ((Number) Files.getAttribute(mnt, "unix:dev")).longValue();
    long minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    Path abort = ctl.resolve(Long.toString(minor)).resolve("abort");
    if (Files.exists(abort)) {
      Files.writeString(abort, "1");
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
