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
 * outside it. Every host name is one guest name checked not to be "", ".", "..", or to hold '/'
 * or NUL; directories are made new by this run and only those are descended into; files are
 * created with O_CREAT|O_EXCL (CREATE_NEW never follows a link) and written through that
 * descriptor; guest symbolic links become host links with the same target and are never followed.
 * With -p the modes and times are kept ({@link Preserve}), never setuid, setgid or sticky bits.
 */
final class Cp {
  private Cp() {}

  static void run(Tools.Args a, PrintStream err) throws IOException {
    List<String> ops = a.operands;
    Path dest = Path.of(ops.get(ops.size() - 1));
    List<String> sources = ops.subList(1, ops.size() - 1);
    boolean intoDir = Files.isDirectory(dest);
    Preserve keep = new Preserve(a.preserve, a.owner);
    List<Path[]> dirs = new ArrayList<>();
    if (!intoDir && sources.size() > 1) {
      throw new UsageException(dest + " is not an existing directory (several sources)");
    }
    try (Disk disk = Disk.open(Path.of(ops.get(0)))) {
      for (String s : sources) {
        Path src = Target.resolve(disk, s);
        Path name = src.getFileName();
        if (name == null) {
          if (!a.recursive || !intoDir) {
            throw new UsageException(s + " is the root directory: copy it with -r into a directory");
          }
          copyChildren(src, dest, keep, dirs);
          continue;
        }
        Path target = intoDir ? dest.resolve(checked(src.getParent(), name.toString())) : dest;
        copy(src, target, a.recursive, keep, dirs);
      }
      // Deepest first: a directory's own times change while its entries are written.
      for (int i = dirs.size() - 1; i >= 0; i--) {
        keep.apply(dirs.get(i)[0], dirs.get(i)[1]);
      }
    }
  }

  /** One guest name as one host name, or a refusal. */
  static String checked(Path dir, String n) throws CorruptDataException {
    if (n.isEmpty() || n.equals(".") || n.equals("..") || n.indexOf('/') >= 0
        || n.indexOf('\0') >= 0) {
      throw new CorruptDataException(
          "refusing to copy '" + n.replace("\0", "\\0") + "' from " + dir
              + ": not a single file name");
    }
    return n;
  }

  private static void copy(Path src, Path target, boolean recursive, Preserve keep,
      List<Path[]> dirs) throws IOException {
    BasicFileAttributes at =
        Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (at.isDirectory()) {
      if (!recursive) {
        throw new UsageException(src + " is a directory (copy it with -r)");
      }
      // createDirectory fails on any existing name, a link included: only new directories are
      // written into.
      Files.createDirectory(target);
      dirs.add(new Path[] {src, target});
      copyChildren(src, target, keep, dirs);
    } else {
      copyOne(src, target, at);
      keep.apply(src, target);
    }
  }

  /** The tree below {@code srcDir} into {@code dstDir}, depth first, without recursion. */
  private static void copyChildren(Path srcDir, Path dstDir, Preserve keep, List<Path[]> dirs)
      throws IOException {
    Deque<Path[]> todo = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    todo.push(new Path[] {srcDir, dstDir});
    depths.push(0);
    while (!todo.isEmpty()) {
      Path[] pair = todo.pop();
      int depth = depths.pop();
      if (depth > Ls.MAX_DEPTH) {
        throw new LimitExceededException(
            pair[0] + ": directories nested deeper than " + Ls.MAX_DEPTH + " levels (a loop?)");
      }
      List<Path[]> subdirs = new ArrayList<>();
      for (Path c : Ls.sorted(pair[0])) {
        Path t = pair[1].resolve(checked(pair[0], c.getFileName().toString()));
        BasicFileAttributes at =
            Files.readAttributes(c, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (at.isDirectory()) {
          Files.createDirectory(t);
          subdirs.add(new Path[] {c, t});
          dirs.add(new Path[] {c, t});
        } else {
          copyOne(c, t, at);
          keep.apply(c, t);
        }
      }
      for (int i = subdirs.size() - 1; i >= 0; i--) {
        todo.push(subdirs.get(i));
        depths.push(depth + 1);
      }
    }
  }

  private static void copyOne(Path src, Path target, BasicFileAttributes at) throws IOException {
    if (at.isSymbolicLink()) {
      String link = Files.readSymbolicLink(src).toString();
      Path hostTarget;
      try {
        hostTarget = Path.of(link);
      } catch (InvalidPathException e) {
        throw new CorruptDataException(src + ": link target is not a host path: " + e.getMessage());
      }
      Files.createSymbolicLink(target, hostTarget);
      return;
    }
    if (!at.isRegularFile()) {
      throw new CorruptDataException(src + ": not a regular file, directory or link; not copied");
    }
    try (InputStream in = Files.newInputStream(src, LinkOption.NOFOLLOW_LINKS);
        FileChannel outCh =
            FileChannel.open(
                target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          outCh.write(b);
        }
      }
    }
  }
}
