package org.jgrub.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real pygrub (Debian's xen-utils-4.17, installed by .ci/run). */
record Pygrub(int status, String out, String err) {
  static final Path BIN = Path.of("/usr/lib/xen-4.17/bin/pygrub");

  static Pygrub run(String... argv) throws IOException, InterruptedException {
    if (!Files.isExecutable(BIN)) {
      throw new IllegalStateException(
          BIN + " is missing: install xen-utils-4.17 (scripts/install-deps.sh does)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(BIN.toString());
    cmd.addAll(List.of(argv));
    Path err = Files.createTempFile("pygrub", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("pygrub did not finish in 60 s");
      }
      return new Pygrub(
          p.exitValue(), new String(out, StandardCharsets.UTF_8), Files.readString(err));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
