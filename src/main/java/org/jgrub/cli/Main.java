package org.jgrub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jgrub.boot.BootResult;
import org.jgrub.boot.Extractor;
import org.jgrub.boot.Log;
import org.jgrub.image.RawImage;
import org.jgrub.io.JgrubException;
import org.jgrub.io.UsageException;

/**
 * jgrub's command line: pygrub's options, output and exit codes. The only {@code main}, and the
 * only place that prints errors: one line {@code RuntimeError: <message>} on stderr and exit 1
 * (XenServer's toolstack reads the text after that prefix); --debug adds the stack trace.
 */
public final class Main {
  private Main() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs jgrub; returns the exit status. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
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
    try {
      EnvLimits.apply(System.getenv());
      if (o.sandboxedChild) {
        SandboxChild.run(o, log);
        return 0;
      }
      if (o.isconfig) {
        return HostConfig.run(o, out);
      }
      checkOutputDirectory(o);
      String result;
      if (o.runas.isPresent()) {
        if (!Files.isReadable(o.disk)) {
          throw new UsageException("Unable to access " + o.disk);
        }
        if (!o.notReally && !o.list) {
          prepareOutputDirectory(o);
        }
        result = Sandbox.run(o, log, out, EnvLimits.heapMb(System.getenv()));
      } else {
        result = boot(o, log, out);
      }
      if (result != null) {
        write(o, result, out);
      }
      return 0;
    } catch (JgrubException e) {
      return fail(err, o, e);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return fail(err, o, e);
    } catch (OutOfMemoryError e) {
      // Every structure is bounded by Limits, but the bounds are set for the default heap; a
      // heap made smaller (PYGRUB_MAX_RAM_USAGE_MB for the --runas child) can still run out on a
      // hostile guest. What was allocated is garbage once unwound, so reporting it is safe.
      return fail(err, o, e);
    }
  }

  /** Returns the formatted result, or null when nothing is to be written (-l). */
  private static String boot(Options o, StderrLog log, PrintStream out) throws IOException {
    if (!Files.isReadable(o.disk)) {
      throw new UsageException("Unable to access " + o.disk);
    }
    try (Job.Outcome res = Job.run(o, RawImage.open(o.disk), log)) {
      if (res.text() != null) {
        out.print(res.text());
        out.flush();
        return null;
      }
      BootResult r;
      if (o.notReally) {
        r = res.plan().notReally();
      } else {
        prepareOutputDirectory(o);
        r = Extractor.extract(res.plan(), o.outputDirectory);
      }
      return Output.format(o.format, r.kernel(), r.ramdisk(), r.args());
    }
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

  private static String describe(Throwable e) {
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
