package org.jgrub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.jgrub.boot.BootResult;
import org.jgrub.boot.Extractor;
import org.jgrub.boot.Log;
import org.jgrub.image.Images;
import org.jgrub.image.RawImage;
import org.jgrub.io.Bounds;
import org.jgrub.io.Budget;
import org.jgrub.io.JgrubException;
import org.jgrub.io.Limits;
import org.jgrub.io.UsageException;

/**
 * jgrub's command line: pygrub's options, output and exit codes. The only {@code main}, and the
 * only place that prints errors: one line {@code RuntimeError: <message>} on stderr and exit 1
 * (XenServer's toolstack reads the text after that prefix); --debug adds the stack trace.
 */
public final class Main {
  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err, true));
  }

  /** Runs jgrub; returns the exit status. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    return run(argv, out, err, false);
  }

  /**
   * Runs jgrub under a fresh work budget and deadline (JGRUB_BUDGET_*, JGRUB_DEADLINE_S); {@code
   * watchdog}: also stop the process from outside should a read block past the deadline.
   */
  static int run(String[] argv, PrintStream out, PrintStream err, boolean watchdog) {
    return run(argv, out, err, null, null, watchdog);
  }

  /**
   * Runs jgrub within {@code limits} instead of the shipped ones with PYGRUB_MAX_FILE_SIZE_MB
   * applied (for a program that embeds the command line); the budget still comes from the
   * environment.
   */
  public static int run(String[] argv, PrintStream out, PrintStream err, Limits limits) {
    return run(argv, out, err, limits, null, false);
  }

  /**
   * Runs jgrub within {@code givenLimits} and {@code givenBudget}; either, when null, comes from
   * the environment.
   */
  static int run(
      String[] argv, PrintStream out, PrintStream err, Limits givenLimits, Budget given,
      boolean watchdog) {
    if (argv.length > 0 && argv[0].equals(ToolChild.FLAG)) {
      return ToolChild.run(argv, err); // an operator command's --runas child
    }
    if (Tools.handles(argv)) {
      // Operator commands (inspect, ls, cat, cp) run outside the boot budget: copying a whole
      // tree is an administrator's request, not work a guest causes at boot.
      return Tools.run(argv, out, err);
    }
    Options o;
    try {
      o = Options.parse(argv);
    } catch (UsageException e) {
      err.println(Options.USAGE);
      err.println("RuntimeError: " + e.getMessage());
      return 1;
    }
    if (o.help) {
      err.println(Options.USAGE);
      return 0;
    }
    if (o.version) {
      out.print(Options.versionText());
      return 0;
    }
    StderrLog log = new StderrLog(err, o.debug);
    Bounds bounds;
    try {
      Limits limits = givenLimits != null ? givenLimits : EnvLimits.from(System.getenv());
      Budget budget =
          given != null ? given : Budget.fromEnv(System.getenv(), limits.bootFileBytes);
      bounds = new Bounds(limits, budget);
    } catch (UsageException e) {
      return fail(err, o, e);
    }
    if (watchdog) {
      DeadlineWatchdog.start(bounds.budget(), err);
    }
    int status = run(o, bounds, log, out, err);
    if (!bounds.budget().finish()) {
      // The watchdog is stopping the process; it prints the error.
      return 1;
    }
    return status;
  }

  private static int run(
      Options o, Bounds bounds, StderrLog log, PrintStream out, PrintStream err) {
    Budget budget = bounds.budget();
    try {
      if (o.sandboxedChild) {
        SandboxChild.run(o, bounds, log);
        return 0;
      }
      if (o.isconfig) {
        return HostConfig.run(o, bounds, out);
      }
      checkOutputDirectory(o);
      checkDisk(o);
      if (o.runas.isPresent()) {
        if (!Files.isReadable(o.disk)) {
          throw new UsageException("Unable to access " + o.disk);
        }
        if (!o.notReally && !o.list) {
          prepareOutputDirectory(o);
        }
        Sandbox.run(o, bounds, log, out, EnvLimits.heapMb(System.getenv()));
      } else {
        boot(o, bounds, log, out);
      }
      return 0;
    } catch (JgrubException e) {
      return fail(err, o, budget.exhausted() != null ? budget.exhausted() : e);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return fail(err, o, budget.exhausted() != null ? budget.exhausted() : e);
    } catch (OutOfMemoryError e) {
      // Every structure is bounded by Limits, but the bounds are set for the default heap; a
      // heap made smaller (PYGRUB_MAX_RAM_USAGE_MB for the --runas child) can still run out on a
      // hostile guest. What was allocated is garbage once unwound, so reporting it is safe.
      return fail(err, o, e);
    }
  }

  /**
   * Parses in-process and delivers the result. The copied files stay the extractor's until the
   * result has been written, so a failure at any point (a value the simple format cannot carry, an
   * unwritable --output) removes them.
   */
  private static void boot(Options o, Bounds bounds, StderrLog log, PrintStream out)
      throws IOException {
    if (!Files.isReadable(o.disk)) {
      throw new UsageException("Unable to access " + o.disk);
    }
    try (Job.Outcome res =
        Job.run(o, Images.open(o.disk, o.backingDir, bounds.limits()), bounds, log)) {
      // A spent budget ends the run even where a caller turned the exception into a warning.
      bounds.budget().rethrow();
      if (res.text() != null) {
        printText(res.text(), out);
      } else if (o.notReally) {
        BootResult r = res.plan().notReally();
        deliver(o, r.kernel(), r.ramdisk(), r.args(), out);
      } else {
        prepareOutputDirectory(o);
        try (Extractor x = Extractor.open(o.outputDirectory, bounds)) {
          BootResult r = x.extract(res.plan());
          deliver(o, r.kernel(), r.ramdisk(), r.args(), out);
          x.keep();
        }
      }
    }
  }

  /**
   * The disk must be a regular file or a block device: opening a FIFO waits for a writer for ever,
   * and a character device, directory or socket is no disk. Checked before anything opens it.
   */
  private static void checkDisk(Options o) throws IOException {
    if (o.isconfig) {
      return;
    }
    String kind = RawImage.kindOf(o.disk);
    if (kind != null) {
      throw new UsageException(
          o.disk + " is " + kind + ", not a disk image or block device; give the guest's image"
              + " file or its block device");
    }
  }

  /** -l's listing; guest text escaped when it goes to a terminal. */
  static void printText(String text, PrintStream out) {
    out.print(terminal(out) ? Sanitize.lines(text) : text);
    out.flush();
  }

  /**
   * Formats the result and writes it to --output or stdout. Byte-exact for a file or pipe (the
   * toolstack parses it); on a terminal the guest's control characters are shown escaped, as on
   * stderr and in the menu. Checked on the real values first, so that a value the format cannot
   * carry fails the same way wherever the output goes.
   */
  static void deliver(Options o, String kernel, Optional<String> ramdisk, String args, PrintStream out)
      throws IOException {
    String result = Output.format(o.format, kernel, ramdisk, args);
    if (o.output.isEmpty() && terminal(out)) {
      Optional<String> rd = ramdisk.isPresent() ? Optional.of(Sanitize.text(ramdisk.get())) : ramdisk;
      result = Output.format(o.format, Sanitize.text(kernel), rd, Sanitize.text(args));
    }
    write(o, result, out);
  }

  private static boolean terminal(PrintStream out) {
    return out == System.out && Console.stdoutIsTerminal();
  }

  private static void checkOutputDirectory(Options o) throws UsageException {
    if (o.outputDirectoryGiven && !Files.isDirectory(o.outputDirectory)) {
      throw new UsageException(o.outputDirectory + " is not an existing directory");
    }
  }

  /** Creates the default output directory, mode 0700, as pygrub does. */
  private static void prepareOutputDirectory(Options o) throws IOException {
    if (o.notReally || Files.isDirectory(o.outputDirectory)) {
      return;
    }
    Files.createDirectories(
        o.outputDirectory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private static void write(Options o, String result, PrintStream out) throws IOException {
    byte[] b = result.getBytes(StandardCharsets.UTF_8);
    if (o.output.isPresent()) {
      // pygrub opens the (existing) file O_WRONLY, without creating or truncating it.
      try (FileChannel ch = FileChannel.open(o.output.get(), StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
    } else {
      out.write(b, 0, b.length);
      out.flush();
    }
  }

  private static int fail(PrintStream err, Options o, Throwable e) {
    if (o.debug) {
      e.printStackTrace(err);
    }
    String msg = e.getMessage();
    if (!(e instanceof JgrubException)) {
      msg = describe(e);
    }
    err.println("RuntimeError: " + Sanitize.text(msg == null ? e.getClass().getSimpleName() : msg));
    err.flush();
    return 1;
  }

  static String describe(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof StackOverflowError) {
      return "internal error: stack overflow (please report this disk image)";
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory in a heap of " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB while reading the guest (a hostile or unusually large structure); if the disk"
          + " is genuine, give the parser more memory (PYGRUB_MAX_RAM_USAGE_MB with --runas)";
    }
    if (e instanceof IOException) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return "internal error: " + e + " (please report it; --debug shows where)";
  }

  /** Pipeline messages on stderr, guest text neutralised. */
  static final class StderrLog implements Log {
    private final PrintStream err;
    private final boolean debug;

    StderrLog(PrintStream err, boolean debug) {
      this.err = err;
      this.debug = debug;
    }

    @Override
    public void info(String message) {
      err.println("jgrub: " + Sanitize.text(message));
    }

    /** A line from the sandboxed child's stderr, passed on neutralised. */
    void raw(String line) {
      err.println(Sanitize.text(line));
    }

    @Override
    public void debug(String message) {
      if (debug) {
        err.println("jgrub: debug: " + Sanitize.text(message));
      }
    }
  }
}
