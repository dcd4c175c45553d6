package org.jgrub.cli;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jgrub.image.RawImage;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.UsageException;

/**
 * The privileged side of an operator command under --runas: the same sandbox as booting's
 * ({@link Sandbox#javaCommand}: namespaces, resource limits, the user, no capabilities), the disk
 * handed over as descriptor 0, and the child's records ({@link ToolChild}) turned into this
 * process's output, each checked against its bound first. Text from the child is sanitised again
 * here, for the child is not trusted to have done it.
 */
final class ToolSandbox {
  /**
   * Wall time the child may take unless JGRUB_DEADLINE_S says otherwise: longer than a boot's 60 s,
   * for an operator may list or copy a whole tree; its CPU time is capped at {@link
   * Sandbox#CPU_SECONDS} all the same.
   */
  static final long DEADLINE_S = 600;

  private ToolSandbox() {}

  static void run(Tools.Args a, PrintStream out, PrintStream err) throws IOException {
    Path disk = Path.of(a.operands.get(0));
    String kind = RawImage.kindOf(disk);
    if (kind != null) {
      throw new UsageException(disk + " is " + kind + ", not a disk image or block device");
    }
    if (!Files.isReadable(disk)) {
      throw new UsageException("Unable to access " + disk);
    }
    CpReceiver cp = a.command.equals("cp") ? CpReceiver.prepare(a, err) : null;
    long deadline = deadline();
    List<String> cmd = Sandbox.javaCommand(a.runas.get(), EnvLimits.heapMb(System.getenv()));
    cmd.add(ToolChild.FLAG);
    cmd.addAll(childArgs(a, cp));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Sandbox.environment(pb);
    pb.redirectInput(disk.toFile());
    Process p = pb.start();
    Sandbox.StderrPump errs = new Sandbox.StderrPump(p.getErrorStream(), new Main.StderrLog(err, false));
    errs.start();
    Sandbox.Watchdog dog = new Sandbox.Watchdog(p, deadline);
    dog.start();
    try {
      DataInputStream in = new DataInputStream(new BufferedInputStream(p.getInputStream(), 1 << 16));
      if (cp != null) {
        cp.receive(in, err);
      } else {
        receive(in, out, a.command.equals("cat"));
      }
      int status = Sandbox.waitFor(p, deadline);
      errs.join(5000);
      if (dog.fired) {
        throw new LimitExceededException(
            "jgrub " + a.command + ": the sandboxed reader did not finish within " + deadline
                + " s (JGRUB_DEADLINE_S); stopped");
      }
      if (status != 0) {
        throw Sandbox.childFailure(errs, status);
      }
      if (cp != null) {
        cp.finish();
      }
    } catch (CorruptDataException e) {
      throw Sandbox.afterBadOutput(p, errs, dog, deadline, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the sandboxed reader");
    } finally {
      dog.interrupt();
      p.destroyForcibly();
    }
  }

  private static long deadline() throws UsageException {
    String s = System.getenv(org.jgrub.io.Budget.DEADLINE_ENV);
    if (s == null || s.isBlank()) {
      return DEADLINE_S;
    }
    try {
      long v = Long.parseLong(s.trim());
      return v > 0 ? v : DEADLINE_S;
    } catch (NumberFormatException e) {
      throw new UsageException(org.jgrub.io.Budget.DEADLINE_ENV + " must be whole seconds, not " + s);
    }
  }

  /** The command, its flags, "--", its operands (cp: without DEST, which the child never sees). */
  static List<String> childArgs(Tools.Args a, CpReceiver cp) {
    List<String> c = new java.util.ArrayList<>();
    c.add(a.command);
    if (cp != null) {
      c.addAll(cp.childFlags()); // first: ToolChild looks for it there
    }
    if (a.json) {
      c.add("--json");
    }
    if (a.longFormat) {
      c.add("-l");
    }
    if (a.recursive) {
      c.add(a.command.equals("cp") ? "-r" : "-R");
    }
    if (a.preserve || a.owner) {
      c.add("-p"); // the child sends modes, times and ids; the parent alone gives owners
    }
    c.add("--");
    c.addAll(cp != null ? a.operands.subList(0, a.operands.size() - 1) : a.operands);
    return c;
  }

  /**
   * Writes the child's standard output records to {@code out} until its end record: cat's bytes
   * as they are ({@code bytes}), the other commands' text sanitised line by line. Each command
   * gets only its own kind: unsanitised bytes from a child of ls or inspect are refused.
   */
  static void receive(DataInputStream in, PrintStream out, boolean bytes) throws IOException {
    int kind = bytes ? SandboxProtocol.TOOL_DATA : SandboxProtocol.TOOL_TEXT;
    SandboxProtocol.checkMagic(in);
    long[] len = new long[1];
    while (true) {
      int tag = SandboxProtocol.next(in, len);
      if (tag != kind && tag != SandboxProtocol.END) {
        throw SandboxProtocol.unexpected(tag);
      }
      switch (tag) {
        case SandboxProtocol.TOOL_TEXT -> out.print(Sanitize.lines(SandboxProtocol.readText(in, len[0])));
        case SandboxProtocol.TOOL_DATA -> out.write(SandboxProtocol.readBytes(in, len[0]));
        case SandboxProtocol.END -> {
          SandboxProtocol.checkEnd(in, len[0]);
          return;
        }
        default -> throw SandboxProtocol.unexpected(tag);
      }
    }
  }
}
