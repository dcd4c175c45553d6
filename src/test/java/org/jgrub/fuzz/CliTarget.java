package org.jgrub.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrub.cli.Main;

/**
 * The command-line fuzz target: the input (plain or sparse, see {@link FuzzDevice}) is written to
 * a file and booted with {@code jgrub -q -n FILE}, the whole pipeline from partition table to
 * chosen entry. The property: exit 0, or exit 1 with a last stderr line "RuntimeError: ..." that
 * is one of jgrub's own messages (never "internal error", which is how the CLI reports an escaped
 * RuntimeException or StackOverflowError).
 */
final class CliTarget {
  private CliTarget() {}

  static void run(byte[] input) throws IOException {
    Path img = Files.createTempFile("jgrub-fuzz", ".img");
    try {
      FuzzDevice.of(input).writeTo(img);
      Result r = boot("-q", "-n", img.toString());
      check(r);
    } finally {
      Files.deleteIfExists(img);
    }
  }

  /** Exit status and output of one run. */
  record Result(int status, String out, String err) {
    String lastErrLine() {
      String[] lines = err.split("\n");
      return lines.length == 0 ? "" : lines[lines.length - 1];
    }
  }

  static Result boot(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = Main.run(argv, o, e);
    }
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static void check(Result r) {
    if (r.status() == 0) {
      return;
    }
    String last = r.lastErrLine();
    if (r.status() != 1 || !last.startsWith("RuntimeError: ") || last.contains("internal error")) {
      throw new AssertionError("exit " + r.status() + ", stderr:\n" + r.err());
    }
  }
}
