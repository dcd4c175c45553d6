package org.jgrub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Fuzzes the whole pipeline through the command line: jgrub -q -n IMAGE. */
class CliFuzzTest {
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  @FuzzTest
  void fuzz(byte[] input) throws IOException {
    CliTarget.run(input);
  }
}
