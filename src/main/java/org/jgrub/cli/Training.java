package org.jgrub.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workload recorded into the class-data-sharing archive at build time (scripts/build.sh):
 * the paths a real boot takes — list, choose, copy — and the operator commands (inspect, ls, cat,
 * which also load the library's classes) on the given image, so that every class they load is
 * mapped from the archive at start-up instead of being loaded and verified.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    PrintStream nul = new PrintStream(OutputStream.nullOutputStream());
    Path dir = Files.createTempDirectory("jgrub-training");
    try {
      String img = args[0];
      Main.run(new String[] {"-l", img}, nul, nul);
      Main.run(new String[] {"-q", "-n", "--output-format=simple0", img}, nul, nul);
      Main.run(new String[] {"-q", "--entry=1>0", "--output-directory=" + dir, img}, nul, nul);
      Main.run(new String[] {"-q", "--output-directory=" + dir, "--kernel=/boot/vmlinuz", img}, nul, nul);
      Main.run(new String[] {"-q", "-n", "--kernel=/boot/none", img}, nul, nul);
      org.jgrub.menu.Warmup.run();
      Tools.run(new String[] {"inspect", img}, nul, nul);
      Tools.run(new String[] {"inspect", "--json", img}, nul, nul);
      Tools.run(new String[] {"ls", img, "/boot", "-l"}, nul, nul);
      Tools.run(new String[] {"cat", img, "/boot/grub/grub.cfg"}, nul, nul);
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
