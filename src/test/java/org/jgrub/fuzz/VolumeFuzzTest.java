package org.jgrub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Fuzzes partition table and volume discovery (MBR, EBR chains, GPT, VTOC, hybrid ISO). */
class VolumeFuzzTest {
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  @FuzzTest
  void fuzz(byte[] input) throws IOException {
    VolumeTarget.run(input);
  }
}
