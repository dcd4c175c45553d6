package org.jgrub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jgrub.api.Disk;
import org.jgrub.io.CorruptDataException;
import org.jgrub.io.LimitExceededException;
import org.jgrub.io.UsageException;

/**
 * {@code jgrub cp}: guest files into a host directory, with nothing from the guest able to write
 * outside it. The guest side ({@link #walk}) reads the tree and names each file by its path below
 * DEST, a list of guest names; the host side ({@link CpTarget}) checks every name and creates the
 * files. In-process the two run together; under --runas the walk runs in the sandboxed child and
 * its entries travel to the parent ({@link CpStream}, {@link CpReceiver}), which alone writes.
 */
final class Cp {
  private Cp() {}

  /** Where the walk sends each guest file, named by its path below DEST ([] is DEST itself). */
  interface Sink {
    void directory(List<String> rel, String guest, Preserve.Meta m) throws IOException;

    void file(List<String> rel, String guest, Preserve.Meta m, long size, InputStream data)
        throws IOException;

    void link(List<String> rel, String guest, String target, Preserve.Meta m) throws IOException;
  }

  static void run(Tools.Args a, DiskSource src, PrintStream err) throws IOException {
    CpTarget target = CpTarget.forArgs(a, err);
    try (Disk disk = src.disk()) {
      walk(disk, sources(a), a.recursive, target.intoDir(), target.keep(), target);
    }
    target.finish();
  }

  /** The guest operands of cp: between DISK and DEST. */
  static List<String> sources(Tools.Args a) {
    return a.operands.subList(1, a.operands.size() - 1);
  }

  /**
   * Reads each source and what is below it and hands it to {@code sink}, parents before their
   * entries. {@code intoDir}: DEST is a directory the sources go into, else a new name for the one
   * source.
   */
  static void walk(Disk disk, List<String> sources, boolean recursive, boolean intoDir,
      Preserve keep, Sink sink) throws IOException {
    for (String s : sources) {
      Path src = Target.resolve(disk, s);
      Path name = src.getFileName();
      if (name == null) {
        if (!recursive || !intoDir) {
          throw new UsageException(s + " is the root directory: copy it with -r into a directory");
        }
        copyChildren(src, List.of(), keep, sink);
        continue;
      }
      List<String> rel =
          intoDir ? List.of(checked(src.getParent(), name.toString())) : List.of();
      copy(src, rel, recursive, keep, sink);
    }
  }

  /** One guest name as one host name, or a refusal. */
  static String checked(Object dir, String n) throws CorruptDataException {
    if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0
        || n.indexOf('\0') >= 0) {
      throw new CorruptDataException(
          "refusing to copy '" + n.replace("\0", "\\0") + "' from " + dir
              + ": not a single file name");
    }
    return n;
  }

  private static void copy(Path src, List<String> rel, boolean recursive, Preserve keep,
      Sink sink) throws IOException {
    BasicFileAttributes at =
        Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (at.isDirectory()) {
      if (!recursive) {
        throw new UsageException(src + " is a directory (copy it with -r)");
      }
      sink.directory(rel, src.toString(), keep.read(src));
      copyChildren(src, rel, keep, sink);
    } else {
      copyOne(src, rel, at, keep, sink);
    }
  }

  /** The tree below {@code srcDir} as paths below {@code base}, depth first, without recursion. */
  private static void copyChildren(Path srcDir, List<String> base, Preserve keep, Sink sink)
      throws IOException {
    Deque<Path> todo = new ArrayDeque<>();
    Deque<List<String>> rels = new ArrayDeque<>();
    todo.push(srcDir);
    rels.push(base);
    while (!todo.isEmpty()) {
      Path dir = todo.pop();
      List<String> rel = rels.pop();
      if (rel.size() - base.size() > Ls.MAX_DEPTH) {
        throw new LimitExceededException(
            dir + ": directories nested deeper than " + Ls.MAX_DEPTH + " levels (a loop?)");
      }
      List<Path> subdirs = new ArrayList<>();
      List<List<String>> subrels = new ArrayList<>();
      for (Path c : Ls.sorted(dir)) {
        List<String> r = append(rel, checked(dir, c.getFileName().toString()));
        BasicFileAttributes at =
            Files.readAttributes(c, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (at.isDirectory()) {
          sink.directory(r, c.toString(), keep.read(c));
          subdirs.add(c);
          subrels.add(r);
        } else {
          copyOne(c, r, at, keep, sink);
        }
      }
      for (int i = subdirs.size() - 1; i >= 0; i--) {
        todo.push(subdirs.get(i));
        rels.push(subrels.get(i));
      }
    }
  }

  static List<String> append(List<String> rel, String name) {
    List<String> r = new ArrayList<>(rel.size() + 1);
    r.addAll(rel);
    r.add(name);
    return List.copyOf(r);
  }

  private static void copyOne(Path src, List<String> rel, BasicFileAttributes at, Preserve keep,
      Sink sink) throws IOException {
    if (at.isSymbolicLink()) {
      sink.link(rel, src.toString(), Files.readSymbolicLink(src).toString(), keep.read(src));
      return;
    }
    if (!at.isRegularFile()) {
      throw new CorruptDataException(src + ": not a regular file, directory or link; not copied");
    }
    try (InputStream in = Files.newInputStream(src, LinkOption.NOFOLLOW_LINKS)) {
      sink.file(rel, src.toString(), keep.read(src), at.size(), in);
    }
  }
}
