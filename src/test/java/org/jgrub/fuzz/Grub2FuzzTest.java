package org.jgrub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Fuzzes the GRUB 2 config parser and script interpreter. */
class Grub2FuzzTest {
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  @FuzzTest
  void fuzz(byte[] input) throws IOException {
    ConfigTarget.run("grub2", input);
  }
}
