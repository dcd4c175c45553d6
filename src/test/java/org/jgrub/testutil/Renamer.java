package org.jgrub.testutil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The attacker of an output directory: an unprivileged process (uid 65534, through setpriv) that
 * watches the directory with inotify and, the moment a {@code boot_kernel.*} or {@code
 * boot_ramdisk.*} name appears, renames a symlink to a victim file over it. A writer that reopens
 * the new name would then write the victim. Needs root (to drop to nobody), python3 and util-linux.
 */
public final class Renamer implements AutoCloseable {
  private static final String SCRIPT = """
      import ctypes, os, select, struct, sys
      d, victim = sys.argv[1], sys.argv[2]
      libc = ctypes.CDLL(None, use_errno=True)
      fd = libc.inotify_init()
      if fd < 0 or libc.inotify_add_watch(fd, d.encode(), 0x100) < 0:  # IN_CREATE
          sys.exit("inotify: errno %d" % ctypes.get_errno())
      print("ready", flush=True)
      n = 0
      while True:
          r, _, _ = select.select([fd, 0], [], [])
          if 0 in r:
              break  # stdin closed: the test is over
          buf = os.read(fd, 65536)
          i = 0
          while i < len(buf):
              _, mask, _, ln = struct.unpack_from("iIII", buf, i)
              name = buf[i + 16:i + 16 + ln].rstrip(b"\\0").decode()
              i += 16 + ln
              if not (name.startswith("boot_kernel.") or name.startswith("boot_ramdisk.")):
                  continue
              link = os.path.join(d, ".link%d" % n)
              n += 1
              os.symlink(victim, link)
              try:
                  os.rename(link, os.path.join(d, name))
                  print("renamed", name, flush=True)
              except OSError as e:
                  os.unlink(link)
                  print("refused", name, e.errno, flush=True)
      """;

  private final Process p;
  private final Path log;

  private Renamer(Process p, Path log) {
    this.p = p;
    this.log = log;
  }

  /** Starts watching {@code dir} (which uid 65534 must be able to write) and waits until ready. */
  public static Renamer start(Path dir, Path victim, Path work) throws IOException, InterruptedException {
    Path script = work.resolve("renamer.py");
    Files.writeString(script, SCRIPT);
    script.toFile().setReadable(true, false);
    Path log = work.resolve("renamer.log");
    ProcessBuilder pb = new ProcessBuilder(
        "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
        "/usr/bin/python3", script.toString(), dir.toString(), victim.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    for (int i = 0; i < 200 && !Files.readString(log).contains("ready"); i++) {
      if (!p.isAlive()) {
        throw new IOException("renamer failed: " + Files.readString(log));
      }
      Thread.sleep(25);
    }
    if (!Files.readString(log).contains("ready")) {
      throw new IOException("renamer did not start: " + Files.readString(log));
    }
    return new Renamer(p, log);
  }

  /** Stops the watcher; returns its lines ("renamed NAME" or "refused NAME ERRNO"). */
  public List<String> stop() throws IOException, InterruptedException {
    // Let it handle events still queued, then close its stdin.
    Thread.sleep(200);
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (!l.equals("ready")) {
        out.add(l);
      }
    }
    return out;
  }

  @Override
  public void close() {
    p.destroyForcibly();
  }
}
