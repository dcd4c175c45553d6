package org.jgrub.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jgrub.api.Disk;
import org.jgrub.io.LimitExceededException;

/**
 * {@code jgrub ls}: the names in a guest directory, sorted; {@code -R} every path below it
 * depth first, {@code -l} in the shape of {@code ls -ln} (see {@link LongFormat}). Guest names are printed with their
 * control characters replaced, as every guest text is.
 */
final class Ls {
  /** Deeper than any real tree (PATH_MAX is 4096 bytes: at most 2048 levels of one-letter names). */
  static final int MAX_DEPTH = 2048;

  private Ls() {}

  static void run(Tools.Args a, DiskSource src, PrintStream out) throws IOException {
    try (Disk disk = src.disk()) {
      Path start = Target.resolve(disk, a.operands.get(1));
      BasicFileAttributes at =
          Files.readAttributes(start, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!at.isDirectory()) {
        line(out, start, start.toString(), at, a.longFormat);
        return;
      }
      Deque<Path> dirs = new ArrayDeque<>();
      Deque<Integer> depths = new ArrayDeque<>();
      dirs.push(start);
      depths.push(0);
      while (!dirs.isEmpty()) {
        Path dir = dirs.pop();
        int depth = depths.pop();
        List<Path> children = sorted(dir);
        List<Path> subdirs = new ArrayList<>();
        for (Path c : children) {
          BasicFileAttributes ca =
              Files.readAttributes(c, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          line(out, c, a.recursive ? c.toString() : c.getFileName().toString(), ca, a.longFormat);
          if (a.recursive && ca.isDirectory()) {
            subdirs.add(c);
          }
        }
        if (!subdirs.isEmpty() && depth + 1 > MAX_DEPTH) {
          throw new LimitExceededException(
              dir + ": directories nested deeper than " + MAX_DEPTH + " levels (a loop?)");
        }
        for (int i = subdirs.size() - 1; i >= 0; i--) {
          dirs.push(subdirs.get(i));
          depths.push(depth + 1);
        }
      }
    }
  }

  static List<Path> sorted(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        out.add(p);
      }
    }
    out.sort(null);
    return out;
  }

  private static void line(
      PrintStream out, Path p, String name, BasicFileAttributes a, boolean longFormat)
      throws IOException {
    if (!longFormat) {
      out.println(Sanitize.text(name));
      return;
    }
    StringBuilder sb = new StringBuilder(LongFormat.line(p, name, a));
    out.println(Sanitize.text(sb.toString()));
  }
}
