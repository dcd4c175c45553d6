package org.jgrub.e2e;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.jgrub.cli.Main;
import org.jgrub.io.Limits;

/** Runs jgrub's command line in-process and captures what it prints. */
record Jgrub(int status, String out, String err) {
  /**
   * pygrub's sxp answer ({@code --output-format=sxp}, the default): group 1 the kernel, group 2
   * the ramdisk and group 3 the arguments, each absent when pygrub leaves it out.
   */
  static final Pattern SXP =
      Pattern.compile("linux \\(kernel '([^']*)'\\)(?:\\(ramdisk '([^']*)'\\))?(?:\\(args '([^']*)'\\))?");

  static Jgrub run(String... argv) {
    return run(null, argv);
  }

  /** Runs within {@code limits} (null: the shipped ones, as the environment says). */
  static Jgrub run(Limits limits, String... argv) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int st;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      st = limits == null ? Main.run(argv, po, pe) : Main.run(argv, po, pe, limits);
    }
    return new Jgrub(
        st, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /** The last line on stderr (where the RuntimeError line must be). */
  String lastErrLine() {
    String[] l = err.strip().split("\n");
    return l[l.length - 1];
  }
}
