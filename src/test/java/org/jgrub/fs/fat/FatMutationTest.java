package org.jgrub.fs.fat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Random damage to the metadata of the real FAT images ends in a jgrub exception or a read. */
class FatMutationTest {
  // The boot sector, FATs, root directory and the first directory clusters lie in the first
  // 160 KiB of each image (512-byte clusters on FAT16/32).
  private static final long META = 160 * 1024;

  @Test
  void fat12() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run("fat/fat12.img.xz", new FatDriver(), 0, META, 150, 12));
  }

  @Test
  void fat16() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run("fat/fat16.img.xz", new FatDriver(), 0, META, 150, 16));
  }

  @Test
  void fat32() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> MutationWalk.run("fat/fat32.img.xz", new FatDriver(), 0, 1 << 20, 150, 32));
  }
}
