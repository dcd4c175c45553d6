package org.jgrub.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options bin/jgrub passes, read from the launcher itself so that tests which start a JVM
 * as the launcher does cannot drift from it. The class-data-sharing archive ({@code $cds}, made
 * only by scripts/build.sh) and the class path are left out.
 */
public final class LauncherFlags {
  private LauncherFlags() {}

  public static List<String> read() throws IOException {
    String text = Files.readString(Path.of("bin/jgrub")).replace("\\\n", " ");
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (!l.startsWith("exec \"$java\"")) {
        continue;
      }
      List<String> out = new ArrayList<>();
      for (String w : l.substring("exec \"$java\"".length()).trim().split("\\s+")) {
        if (w.equals("-cp")) {
          return out;
        }
        if (w.startsWith("-")) {
          out.add(w);
        }
      }
    }
    throw new IllegalStateException("bin/jgrub has no `exec \"$java\" ... -cp` line");
  }
}
