package org.jgrub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jgrub.api.Disk;
import org.jgrub.io.CorruptDataException;

/**
 * The --runas child's side of {@code jgrub cp}: the walk of {@link Cp} with each file sent to the
 * parent ({@link CpReceiver}) instead of written: an entry record, then for a file exactly its
 * size in data records of at most 64 KiB.
 */
final class CpStream implements Cp.Sink {
  /** Passed by the parent when DEST is an existing directory (the child cannot look). */
  static final String INTO_DIR = "--into-dir";

  private final ToolChild.Records out;

  private CpStream(ToolChild.Records out) {
    this.out = out;
  }

  static void send(Tools.Args a, boolean intoDir, DiskSource src, ToolChild.Records out)
      throws IOException {
    // Only the parent gives owners (--owner, as root); -p here means: send the modes, times, ids.
    Preserve keep = new Preserve(a.preserve, false);
    try (Disk disk = src.disk()) {
      Cp.walk(disk, Cp.sources(a), a.recursive, intoDir, keep, new CpStream(out));
    }
  }

  @Override
  public void directory(List<String> rel, String guest, Preserve.Meta m) throws IOException {
    entry(new CpEntry(CpEntry.DIRECTORY, guest, rel, m, 0, null));
  }

  @Override
  public void link(List<String> rel, String guest, String target, Preserve.Meta m)
      throws IOException {
    entry(new CpEntry(CpEntry.LINK, guest, rel, m, 0, target));
  }

  @Override
  public void file(List<String> rel, String guest, Preserve.Meta m, long size, InputStream data)
      throws IOException {
    entry(new CpEntry(CpEntry.FILE, guest, rel, m, size, null));
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = data.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new CorruptDataException(guest + ": ends after " + (size - left) + " of its " + size
            + " bytes");
      }
      out.record(SandboxProtocol.TOOL_DATA, buf, 0, n);
      left -= n;
    }
    if (data.read() >= 0) {
      throw new CorruptDataException(guest + ": longer than its size of " + size + " bytes");
    }
  }

  private void entry(CpEntry e) throws IOException {
    byte[] b = e.encode();
    out.record(SandboxProtocol.CP_ENTRY, b, 0, b.length);
  }
}
