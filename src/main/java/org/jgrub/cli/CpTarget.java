package org.jgrub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.UsageException;

/**
 * The host side of {@code jgrub cp}: creates what the walk names below DEST, trusting none of it.
 * Every name is checked to be one file name ({@link Cp#checked}); an entry is written only into
 * DEST itself (when it is the directory copied into) or into a directory this run created, so a
 * name can never reach outside DEST; directories are created with mkdir (which fails on any
 * existing name, a link included), files with O_CREAT|O_EXCL (CREATE_NEW never follows a link)
 * and written through that descriptor; guest links become host links with the same target and are
 * never followed. With -p the modes and times are kept ({@link Preserve}), directories' last,
 * deepest first, since their times change while their entries are written.
 */
final class CpTarget implements Cp.Sink {
  /** Deepest path below DEST: a source's own name, then the walk's depth bound. */
  static final int MAX_COMPONENTS = Ls.MAX_DEPTH + 2;

  private final Path dest;
  private final boolean intoDir;
  private final Preserve keep;
  private final Progress progress;
  /** The directories this run created, as a tree of names below DEST. */
  private final Node created = new Node();
  private final List<Object[]> dirTimes = new ArrayList<>();
  private boolean destWritten;
  /** Whether entries may go straight into DEST: it is copied into, or this run made it. */
  private boolean destOpen;

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
  }

  CpTarget(Path dest, boolean intoDir, Preserve keep, Progress progress) {
    this.dest = dest;
    this.intoDir = intoDir;
    this.keep = keep;
    this.progress = progress;
    this.destOpen = intoDir;
  }

  /** DEST and the flags of a cp command line; checked before anything is read. */
  static CpTarget forArgs(Tools.Args a, PrintStream err) throws UsageException {
    Path dest = Path.of(a.operands.get(a.operands.size() - 1));
    boolean intoDir = Files.isDirectory(dest);
    if (!intoDir && Cp.sources(a).size() > 1) {
      throw new UsageException(dest + " is not an existing directory (several sources)");
    }
    return new CpTarget(dest, intoDir, new Preserve(a.preserve, a.owner), Progress.forStderr(err));
  }

  boolean intoDir() {
    return intoDir;
  }

  Preserve keep() {
    return keep;
  }

  @Override
  public void directory(List<String> rel, String guest, Preserve.Meta m) throws IOException {
    Path t = target(rel, guest);
    Files.createDirectory(t);
    if (rel.isEmpty()) {
      destOpen = true; // DEST itself, a new directory
    } else {
      parentNode(rel, guest).children.put(rel.get(rel.size() - 1), new Node());
    }
    if (m != null) {
      dirTimes.add(new Object[] {m, t});
    }
  }

  @Override
  public void file(List<String> rel, String guest, Preserve.Meta m, long size, InputStream data)
      throws IOException {
    Path t = target(rel, guest);
    try (FileChannel out =
        FileChannel.open(
            t, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      Progress.File shown = progress.start(guest, size);
      byte[] buf = new byte[1 << 16];
      long done = 0;
      int n;
      while ((n = data.read(buf)) > 0) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          out.write(b);
        }
        done += n;
        shown.at(done);
      }
      shown.done();
    }
    keep.apply(m, t);
  }

  @Override
  public void link(List<String> rel, String guest, String target, Preserve.Meta m)
      throws IOException {
    Path t = target(rel, guest);
    Path hostTarget;
    try {
      hostTarget = Path.of(target);
    } catch (InvalidPathException e) {
      throw new CorruptDataException(guest + ": link target is not a host path: " + e.getMessage());
    }
    Files.createSymbolicLink(t, hostTarget);
    keep.apply(m, t);
  }

  /** Gives the directories their modes and times, deepest first. */
  void finish() throws IOException {
    for (int i = dirTimes.size() - 1; i >= 0; i--) {
      keep.apply((Preserve.Meta) dirTimes.get(i)[0], (Path) dirTimes.get(i)[1]);
    }
  }

  /**
   * The host path of {@code rel}, after checking each name, and that it lies in DEST (the
   * directory copied into) or a directory this run created; [] is DEST itself, written once.
   */
  private Path target(List<String> rel, String guest) throws IOException {
    if (rel.size() > MAX_COMPONENTS) {
      throw new LimitExceededException(
          guest + ": more than " + MAX_COMPONENTS + " names below " + dest + "; not copied");
    }
    if (rel.isEmpty()) {
      if (intoDir || destWritten) {
        throw new CorruptDataException(guest + ": would be written as " + dest + " itself");
      }
      destWritten = true;
      return dest;
    }
    Path t = dest;
    for (String n : rel) {
      t = t.resolve(Cp.checked(guest, n));
    }
    parentNode(rel, guest);
    return t;
  }

  /** The directory holding {@code rel}'s last name, DEST's node for DEST. */
  private Node parentNode(List<String> rel, String guest) throws CorruptDataException {
    Node n = destOpen ? created : null;
    for (int i = 0; n != null && i < rel.size() - 1; i++) {
      n = n.children.get(rel.get(i));
    }
    if (n == null) {
      throw new CorruptDataException(
          guest + ": its directory below " + dest + " was not created by this copy; not written");
    }
    return n;
  }
}
