package org.jgrub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jgrub.image.Images;
import org.jgrub.io.BlockDevice;
import org.jgrub.io.JgrubException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes image format detection and the qcow2, VHD and VMDK readers: the input is written as a
 * file, opened by content, and its virtual disk read at the start, the end and a spread of places
 * between; only jgrub's own exceptions may end it.
 */
class ImageFuzzTest {
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  @FuzzTest
  void fuzz(byte[] input) throws IOException {
    Path dir = Files.createTempDirectory("jgrub-image-fuzz");
    Path file = dir.resolve("disk");
    try {
      FuzzDevice.of(input).writeTo(file);
      FuzzBudget.run(b -> read(file, dir, b));
    } finally {
      Files.deleteIfExists(file);
      Files.delete(dir);
    }
  }

  private static void read(Path file, Path dir, org.jgrub.io.Budget budget) throws IOException {
    try (BlockDevice d =
        new org.jgrub.io.BudgetedDevice(
            Images.open(file, Optional.of(dir), org.jgrub.io.Limits.DEFAULT), budget)) {
      long size = d.size();
      for (int i = 0; i <= 16 && size > 0; i++) {
        long at = size / 16 * i;
        int n = (int) Math.min(4096, size - Math.min(at, size - 1));
        d.read(Math.min(at, size - n), ByteBuffer.allocate(n));
      }
    } catch (JgrubException e) {
      // The property allows jgrub's own exceptions.
    }
  }
}
