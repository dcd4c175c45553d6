package org.jgrub.cli;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jgrub.boot.Extractor;
import org.jgrub.io.Budget;
import org.jgrub.io.Bounds;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.JgrubException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.NotFoundException;

/**
 * The privileged side of --runas. Everything that parses guest bytes runs in a child process:
 * new network, IPC, mount and UTS namespaces ({@code unshare}), resource limits ({@code prlimit}:
 * address space, CPU time, no file writes, no core dumps, no locked memory or message queues, few
 * descriptors and tasks), then the given user and its own group with no supplementary groups, no
 * capabilities and no_new_privs ({@code setpriv}). The child gets the disk as an already-open
 * read-only descriptor, so the user needs no permission on it. Only this parent writes into the
 * output directory, within the size limit, and only when the child exited 0 and its output was
 * well-formed; otherwise nothing is left behind and the status is 1.
 */
final class Sandbox {
  /**
   * The child is killed at the run's deadline (JGRUB_DEADLINE_S, 60 s by default; libxl kills a
   * restricted bootloader after 120 s), before the parent's own watchdog would stop the parent.
   */
  static long deadlineSeconds(Bounds bounds) {
    long s = bounds.budget().deadlineSeconds();
    return s > 0 ? s : org.jgrub.io.Budget.DEFAULT_DEADLINE_S;
  }

  static final long CPU_SECONDS = 60;
  /**
   * Threads count as tasks of the user on Linux, and a JVM needs a few dozen; this bounds them
   * (pygrub, single-threaded, sets 0).
   */
  static final int TASKS = 128;
  static final int DESCRIPTORS = 128;
  /** Address space beyond the heap: code cache, metaspace, thread stacks, the mapped archive. */
  static final long AS_OVERHEAD_MB = 1024;

  private Sandbox() {}

  /** What the child answered: text to print (-l), or what to boot. */
  private record Answer(String text, String kernel, Optional<String> ramdisk, String args) {}

  /**
   * Runs the child and delivers its answer. Files received stay the extractor's until the answer
   * has been written, so any failure up to then removes them.
   */
  static void run(Options o, Bounds bounds, Main.StderrLog log, PrintStream out, long heapMb)
      throws IOException {
    long deadline = deadlineSeconds(bounds);
    boolean copies = !o.notReally && !o.list;
    if (copies) {
      Extractor.checkDirectory(o.outputDirectory); // before the child costs anything
    }
    List<String> cmd = command(o, heapMb);
    log.debug("sandbox: " + String.join(" ", cmd));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    environment(pb);
    pb.redirectInput(o.disk.toFile());
    Process p = pb.start();
    StderrPump errs = new StderrPump(p.getErrorStream(), log);
    errs.start();
    Watchdog dog = new Watchdog(p, deadline);
    dog.start();
    try (Extractor x = copies ? Extractor.open(o.outputDirectory, bounds) : null) {
      Answer a = read(o, p.getInputStream(), x);
      int status = waitFor(p, deadline);
      errs.join(5000);
      if (dog.fired) {
        throw new LimitExceededException(
            "the sandboxed parser did not finish within " + deadline + " s; stopped");
      }
      if (status != 0) {
        throw childFailure(errs, status);
      }
      if (a.text() != null) {
        Main.printText(a.text(), out);
      } else {
        Main.deliver(o, a.kernel(), a.ramdisk(), a.args(), out);
      }
      if (x != null) {
        x.keep();
      }
    } catch (LimitExceededException e) {
      // The child may still be writing: stop it rather than wait for it.
      p.destroyForcibly();
      throw e;
    } catch (CorruptDataException e) {
      throw afterBadOutput(p, errs, dog, deadline, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the sandboxed parser");
    } finally {
      dog.interrupt();
      p.destroyForcibly();
    }
  }

  /**
   * The error to report when the child's output was malformed or ended early: usually the child
   * failed, and its own message says why; given a moment to exit, its status tells.
   */
  static JgrubException afterBadOutput(
      Process p, StderrPump errs, Watchdog dog, long deadline, CorruptDataException e) {
    int status = waitBriefly(p);
    try {
      errs.join(5000);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
    if (dog.fired) {
      return new LimitExceededException(
          "the sandboxed parser did not finish within " + deadline + " s; stopped");
    }
    if (status != 0) {
      return childFailure(errs, status);
    }
    return e;
  }

  /** The child's environment: a fixed PATH, and the limits and budget the parent runs under. */
  static void environment(ProcessBuilder pb) {
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    // The child parses under the same limits and budget as the parent would.
    System.getenv().forEach((k, v) -> {
      if (k.equals("PYGRUB_MAX_FILE_SIZE_MB") || k.startsWith("JGRUB_BUDGET_")
          || k.equals(Budget.DEADLINE_ENV)) {
        pb.environment().put(k, v);
      }
    });
  }

  static JgrubException childFailure(StderrPump errs, int status) {
    String m = errs.runtimeError;
    if (m == null) {
      m = "the sandboxed parser failed (exit status " + status + ")"
          + (errs.lastLine == null ? "" : ": " + errs.lastLine);
    }
    return new NotFoundException(m);
  }

  /** The exit status once the child has exited, waiting at most 5 s before killing it. */
  static int waitBriefly(Process p) {
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return -1;
    }
  }

  static int waitFor(Process p, long deadline) {
    try {
      if (!p.waitFor(deadline, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return -1;
    }
  }

  /** Reads the child's records; writes file data into new files; returns what to deliver. */
  private static Answer read(Options o, InputStream raw, Extractor x) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    SandboxProtocol.checkMagic(in);
    long[] len = new long[1];
    String kernelPath = null;
    Optional<String> ramdiskPath = Optional.empty();
    String args = "";
    Path kernelFile = null;
    Path ramdiskFile = null;
    String text = null;
    for (int records = 0; ; records++) {
      if (records > 16) {
        throw new CorruptDataException("sandboxed child: too many records");
      }
      int tag = SandboxProtocol.next(in, len);
      switch (tag) {
        case SandboxProtocol.TEXT -> text = SandboxProtocol.readText(in, len[0]);
        case SandboxProtocol.KERNEL_PATH -> kernelPath = SandboxProtocol.readText(in, len[0]);
        case SandboxProtocol.RAMDISK_PATH -> ramdiskPath = Optional.of(SandboxProtocol.readText(in, len[0]));
        case SandboxProtocol.ARGS -> args = SandboxProtocol.readText(in, len[0]);
        case SandboxProtocol.KERNEL_DATA -> kernelFile = receive(in, len[0], x, "boot_kernel", "kernel");
        case SandboxProtocol.RAMDISK_DATA -> ramdiskFile = receive(in, len[0], x, "boot_ramdisk", "ramdisk");
        case SandboxProtocol.END -> {
          if (text != null) {
            return new Answer(text, null, Optional.empty(), "");
          }
          if (kernelPath == null) {
            throw new CorruptDataException("sandboxed child: no kernel in its answer");
          }
          if (o.notReally) {
            return new Answer(null, kernelPath, ramdiskPath, args);
          }
          if (kernelFile == null || ramdiskPath.isPresent() != (ramdiskFile != null)) {
            throw new CorruptDataException("sandboxed child: file contents missing from its answer");
          }
          Optional<String> rd = ramdiskFile == null ? Optional.empty() : Optional.of(ramdiskFile.toString());
          return new Answer(null, kernelFile.toString(), rd, args);
        }
        default -> throw new CorruptDataException("sandboxed child: unknown record " + tag);
      }
    }
  }

  /** Copies one file's bytes from the child into a new file, through the descriptor that made it. */
  private static Path receive(DataInputStream in, long len, Extractor x, String prefix, String what)
      throws IOException {
    if (x == null) {
      throw new CorruptDataException("sandboxed child: sent " + what + " data where none was asked for");
    }
    long limit = x.bounds().limits().bootFileBytes;
    if (len > limit) {
      throw new LimitExceededException(
          what + " of " + len + " bytes passes the limit of " + limit
              + " bytes (set PYGRUB_MAX_FILE_SIZE_MB to raise it)");
    }
    Extractor.OutputFile f = x.create(prefix);
    byte[] buf = new byte[1 << 16];
    ByteBuffer b = ByteBuffer.wrap(buf);
    long left = len;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new CorruptDataException("sandboxed child: " + what + " ended early");
      }
      b.clear().limit(n);
      while (b.hasRemaining()) {
        f.channel().write(b);
      }
      left -= n;
    }
    return f.path();
  }

  /** Method patterns compiled early in bin/jgrub and here: decompressors, ZFS checksums. */
  static final List<String> HOT_CODE = List.of(
      "io.airlift.compress.*::*", "org.jgrub.compress.*::*", "org.jgrub.fs.zfs.Checksum::*");

  /** Up to and including the main class: the namespaces, limits and user, and the JVM's flags. */
  static List<String> javaCommand(int uid, long heapMb) throws IOException {
    List<String> c = new ArrayList<>();
    c.add(tool("unshare"));
    c.add("--net");
    c.add("--ipc");
    c.add("--mount");
    c.add("--uts");
    c.add("--");
    c.add(tool("prlimit"));
    c.add("--as=" + ((heapMb + AS_OVERHEAD_MB) << 20));
    c.add("--cpu=" + CPU_SECONDS);
    c.add("--fsize=0");
    c.add("--core=0");
    c.add("--memlock=0");
    c.add("--msgqueue=0");
    c.add("--nofile=" + DESCRIPTORS);
    c.add("--nproc=" + TASKS);
    c.add("--");
    c.add(tool("setpriv"));
    c.add("--reuid=" + uid);
    c.add("--regid=" + uid);
    c.add("--clear-groups");
    c.add("--no-new-privs");
    c.add("--inh-caps=-all");
    c.add("--bounding-set=-all");
    // SIGKILL when the parent dies however it dies (SIGTERM, SIGKILL, a crash): the child must not
    // go on parsing as an orphan. Set by setpriv after the uid change, which would clear it.
    c.add("--pdeathsig=KILL");
    c.add("--");
    c.add(javaBinary());
    c.add("-XX:TieredStopAtLevel=1");
    c.add("-XX:CompileThresholdScaling=10"); // as bin/jgrub: fewer compilations at start-up
    // ... except for the decompressors, as bin/jgrub (quiet: no announcement on stdout).
    c.add("-XX:CompileCommand=quiet");
    for (String hot : HOT_CODE) {
      c.add("-XX:CompileCommand=CompileThresholdScaling," + hot + ",0.1");
    }
    c.add("-XX:+UseSerialGC");
    c.add("-XX:-UsePerfData");
    c.add("-Xss4m");
    c.add("-Xmx" + heapMb + "m");
    c.add("-XX:MaxMetaspaceSize=96m");
    c.add("-XX:ReservedCodeCacheSize=32m");
    c.add("-XX:CompressedClassSpaceSize=64m");
    c.add("-Xshare:auto");
    String cp = System.getProperty("java.class.path");
    Path jsa = archiveBeside(cp);
    if (jsa != null) {
      c.add("-XX:SharedArchiveFile=" + jsa);
    }
    c.add("-Xlog:disable");
    c.add("-Xlog:all=off:stderr");
    c.add("-cp");
    c.add(cp);
    c.add(Main.class.getName());
    return c;
  }

  static List<String> command(Options o, long heapMb) throws IOException {
    List<String> c = javaCommand(o.runas.get(), heapMb);
    c.add("--sandboxed-child");
    c.add("-q");
    if (o.list) {
      c.add("-l");
    }
    if (o.json) {
      c.add("--json");
    }
    if (o.notReally) {
      c.add("-n");
    }
    if (o.debug) {
      c.add("--debug");
    }
    o.entry.ifPresent(v -> c.add("--entry=" + v));
    o.kernel.ifPresent(v -> c.add("--kernel=" + v));
    o.ramdisk.ifPresent(v -> c.add("--ramdisk=" + v));
    o.offset.ifPresent(v -> c.add("--offset=" + v));
    if (!o.args.isEmpty()) {
      c.add("--args=" + o.args);
    }
    c.add("--");
    c.add(o.disk.toString());
    return c;
  }

  private static Path archiveBeside(String classpath) {
    if (classpath.endsWith("jgrub.jar") && classpath.indexOf(java.io.File.pathSeparatorChar) < 0) {
      Path jsa = Paths.get(classpath).resolveSibling("jgrub.jsa");
      return Files.isReadable(jsa) ? jsa : null;
    }
    return null;
  }

  private static String javaBinary() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The util-linux tool's path; refuses to run unsandboxed when it is missing. */
  static String tool(String name) throws NotFoundException {
    for (String dir : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
      Path p = Paths.get(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new NotFoundException(
        "--runas needs util-linux's " + name + " to sandbox the parser, and it is not installed;"
            + " refusing to parse the guest disk unsandboxed");
  }

  /** Forwards the child's stderr, remembering its final RuntimeError line. */
  static final class StderrPump extends Thread {
    private final InputStream in;
    private final Main.StderrLog log;
    volatile String runtimeError;
    volatile String lastLine;

    StderrPump(InputStream in, Main.StderrLog log) {
      super("jgrub-sandbox-stderr");
      setDaemon(true);
      this.in = in;
      this.log = log;
    }

    @Override
    public void run() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int lines = 0;
        while ((line = r.readLine()) != null) {
          if (line.length() > 4096) {
            line = line.substring(0, 4096) + "…";
          }
          if (line.startsWith("RuntimeError: ")) {
            runtimeError = line.substring("RuntimeError: ".length());
          } else if (++lines <= 1000) {
            log.raw(line);
          }
          lastLine = line;
        }
      } catch (IOException e) {
        lastLine = "reading its error output failed: " + e.getMessage();
      }
    }
  }

  /** Kills the child at the deadline. */
  static final class Watchdog extends Thread {
    private final Process p;
    private final long deadline;
    volatile boolean fired;

    Watchdog(Process p, long deadline) {
      super("jgrub-sandbox-watchdog");
      setDaemon(true);
      this.p = p;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      try {
        if (!p.waitFor(deadline, TimeUnit.SECONDS)) {
          fired = true;
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        // The parent finished first.
      }
    }
  }
}
