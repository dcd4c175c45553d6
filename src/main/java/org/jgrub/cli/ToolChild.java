package org.jgrub.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.jgrub.image.Images;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.Bounds;
import org.jgrub.io.UsageException;

/**
 * The sandboxed side of an operator command under --runas ({@link ToolSandbox}): reads the disk
 * from descriptor 0, runs the command as in-process, and sends what it would print over
 * descriptor 1 as {@link SandboxProtocol} records; for cp, the files to create ({@link CpStream}).
 * It opens no path and writes no file. Its argv: the command, its flags, "--", its operands.
 */
final class ToolChild {
  static final String FLAG = "--sandboxed-tool";

  private ToolChild() {}

  static int run(String[] argv, PrintStream err) {
    try {
      if (argv.length < 2) {
        throw new UsageException(FLAG + ": no command");
      }
      String cmd = argv[1];
      boolean intoDir = argv.length > 2 && argv[2].equals(CpStream.INTO_DIR);
      String[] rest = Arrays.copyOfRange(argv, intoDir ? 2 : 1, argv.length);
      rest[0] = cmd;
      if (cmd.equals("cp")) {
        // cp's operands here are DISK and the sources: DEST stays with the parent.
        rest = Arrays.copyOf(rest, rest.length + 1);
        rest[rest.length - 1] = "(DEST, in the parent)";
      }
      Tools.Args a = Tools.Args.parse(cmd, rest);
      if (a.runas.isPresent() || a.help) {
        throw new UsageException(FLAG + ": not for --runas or --help");
      }
      @SuppressWarnings("resource") // descriptors 0 and 1 belong to the process
      FileChannel disk = new FileInputStream(FileDescriptor.in).getChannel();
      @SuppressWarnings("resource")
      FileChannel ch = new FileOutputStream(FileDescriptor.out).getChannel();
      String name = a.operands.get(0);
      try (BlockDevice image = Images.of(disk, name, Bounds.DEFAULT.limits())) {
        DiskSource src = DiskSource.shared(image, Path.of(name));
        Records out = new Records(ch, cmd.equals("cat") ? SandboxProtocol.TOOL_DATA
            : SandboxProtocol.TOOL_TEXT);
        out.raw(SandboxProtocol.MAGIC);
        PrintStream ps = new PrintStream(out, false, StandardCharsets.UTF_8);
        switch (cmd) {
          case "inspect" -> Inspect.run(a, src, ps);
          case "ls" -> Ls.run(a, src, ps);
          case "cat" -> Cat.run(a, src, ps);
          default -> CpStream.send(a, intoDir, src, out);
        }
        ps.flush();
        if (ps.checkError()) {
          throw new IOException("error writing to the parent");
        }
        out.end();
      }
      return 0;
    } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return Tools.fail(err, e);
    }
  }

  /**
   * Standard output as records of one kind: text is cut after a line break (so that the parent
   * decodes whole characters and sanitises whole lines), data at 64 KiB.
   */
  static final class Records extends OutputStream {
    private static final int CHUNK = 1 << 16;
    private final FileChannel ch;
    private final int tag;
    private final byte[] buf = new byte[CHUNK];
    private int n;

    Records(FileChannel ch, int tag) {
      this.ch = ch;
      this.tag = tag;
    }

    @Override
    public void write(int b) throws IOException {
      if (n == CHUNK) {
        send(CHUNK);
      }
      buf[n++] = (byte) b;
      if (n == CHUNK && tag == SandboxProtocol.TOOL_DATA) {
        send(n);
      }
    }

    /** Sends what is buffered up to a cut: everything for data, through the last '\n' for text. */
    private void send(int full) throws IOException {
      int cut = full;
      if (tag == SandboxProtocol.TOOL_TEXT) {
        int nl = full - 1;
        while (nl >= 0 && buf[nl] != '\n') {
          nl--;
        }
        // A line longer than a chunk is cut where it is; its characters may then split.
        cut = nl >= 0 ? nl + 1 : full;
      }
      record(tag, buf, 0, cut);
      System.arraycopy(buf, cut, buf, 0, n - cut);
      n -= cut;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (n == CHUNK) {
          send(CHUNK);
        }
        int k = Math.min(len, CHUNK - n);
        System.arraycopy(b, off, buf, n, k);
        n += k;
        off += k;
        len -= k;
        if (n == CHUNK && tag == SandboxProtocol.TOOL_DATA) {
          send(n);
        }
      }
    }

    @Override
    public void flush() {
      // Records go out whole when full or at the end; a flush of the PrintStream changes nothing.
    }

    /** One record of another kind, after what is buffered. */
    void record(int t, byte[] b, int off, int len) throws IOException {
      java.io.ByteArrayOutputStream h = new java.io.ByteArrayOutputStream(9);
      SandboxProtocol.header(h, t, len);
      raw(h.toByteArray());
      write(ch, ByteBuffer.wrap(b, off, len));
    }

    void drain() throws IOException {
      if (n > 0) {
        record(tag, buf, 0, n);
        n = 0;
      }
    }

    void end() throws IOException {
      drain();
      record(SandboxProtocol.END, buf, 0, 0);
    }

    void raw(byte[] b) throws IOException {
      write(ch, ByteBuffer.wrap(b));
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }
}
