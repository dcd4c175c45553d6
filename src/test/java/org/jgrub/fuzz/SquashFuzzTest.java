package org.jgrub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Fuzzes the squashfs driver: probe, tree walk, file reads. */
class SquashFuzzTest {
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  @FuzzTest
  void fuzz(byte[] input) throws IOException {
    FsTarget.run("squashfs", input);
  }
}
