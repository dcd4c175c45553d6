package org.jgrub.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.UsageException;

/**
 * The --runas parent's side of {@code jgrub cp}: reads the child's entries ({@link CpEntry}) and
 * hands them to the same {@link CpTarget} an in-process copy writes through, which checks every
 * name and writes only new files inside DEST. The child's file bytes go straight into the file,
 * never more than the size it declared first.
 */
final class CpReceiver {
  /** Entries one copy may send; a directory tree beyond this is refused. */
  static final int MAX_ENTRIES = 4_000_000;

  private final CpTarget target;

  private CpReceiver(CpTarget target) {
    this.target = target;
  }

  /** DEST checked and the flags taken, before the child is started. */
  static CpReceiver prepare(Tools.Args a, PrintStream err) throws UsageException {
    return new CpReceiver(CpTarget.forArgs(a, err));
  }

  static CpReceiver of(CpTarget target) {
    return new CpReceiver(target);
  }

  /** What the child must know of DEST. */
  List<String> childFlags() {
    return target.intoDir() ? List.of(CpStream.INTO_DIR) : List.of();
  }

  void receive(DataInputStream in, PrintStream err) throws IOException {
    SandboxProtocol.checkMagic(in);
    long[] len = new long[1];
    for (int entries = 0; ; entries++) {
      int tag = SandboxProtocol.next(in, len);
      if (tag == SandboxProtocol.END) {
        SandboxProtocol.checkEnd(in, len[0]);
        return;
      }
      if (tag != SandboxProtocol.CP_ENTRY) {
        throw SandboxProtocol.unexpected(tag);
      }
      if (entries >= MAX_ENTRIES) {
        throw new LimitExceededException(
            "cp: more than " + MAX_ENTRIES + " files and directories in one copy; copy fewer at once");
      }
      if (len[0] > SandboxProtocol.MAX_TEXT) {
        throw new CorruptDataException("sandboxed child: cp entry of " + len[0] + " bytes");
      }
      byte[] rec = new byte[(int) len[0]];
      in.readFully(rec);
      CpEntry e = CpEntry.decode(rec);
      switch (e.kind()) {
        case CpEntry.DIRECTORY -> target.directory(e.rel(), e.guest(), e.meta());
        case CpEntry.LINK -> target.link(e.rel(), e.guest(), e.target(), e.meta());
        default -> {
          Data d = new Data(in, e.size());
          target.file(e.rel(), e.guest(), e.meta(), e.size(), d);
          if (d.left > 0) {
            throw new CorruptDataException("sandboxed child: " + e.guest() + " not read to its end");
          }
        }
      }
    }
  }

  void finish() throws IOException {
    target.finish();
  }

  /** A file's bytes: data records, exactly the declared size in all. */
  private static final class Data extends InputStream {
    private final DataInputStream in;
    private long left;
    private long inRecord;

    Data(DataInputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      if (inRecord == 0) {
        long[] l = new long[1];
        int tag = SandboxProtocol.next(in, l);
        if (tag != SandboxProtocol.TOOL_DATA) {
          throw new CorruptDataException("sandboxed child: a file ended " + left
              + " bytes before its size (record type 0x" + Integer.toHexString(tag) + ")");
        }
        if (l[0] == 0 || l[0] > SandboxProtocol.MAX_CHUNK || l[0] > left) {
          throw new CorruptDataException("sandboxed child: data record of " + l[0]
              + " bytes where " + left + " were left of the file");
        }
        inRecord = l[0];
      }
      int n = in.read(b, off, (int) Math.min(len, inRecord));
      if (n < 0) {
        throw new CorruptDataException("sandboxed child: its output ended inside a file");
      }
      inRecord -= n;
      left -= n;
      return n;
    }
  }
}
