package org.jgrub.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.api.Disk;

/** {@code jgrub cat}: a guest file's bytes on standard output, unchanged. */
final class Cat {
  private Cat() {}

  static void run(Tools.Args a, DiskSource src, PrintStream out) throws IOException {
    try (Disk disk = src.disk()) {
      Path p = Target.resolve(disk, a.operands.get(1));
      try (InputStream in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
        }
      }
    }
  }
}
