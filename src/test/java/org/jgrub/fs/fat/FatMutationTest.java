package org.jgrub.fs.fat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Fixtures;
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

  @Test
  void exfat() throws IOException {
    // mkfs.exfat aligns the FAT and the cluster heap to 1 MiB: damage the boot region, the FAT
    // and the first 128 KiB of the heap (bitmap, up-case table, root and first directories).
    ExFatBoot b =
        ((ExFatFs) new FatDriver().probe(RawImage.open(Fixtures.image("fat/exfat.img.xz")))
                .orElseThrow())
            .boot();
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          // The backup boot region absorbs damage to the main one: no refusal is needed there.
          MutationWalk.runOnly("fat/exfat.img.xz", new FatDriver(), 0, 24 * 512, 60, 64);
          // Most FAT entries are unused (contiguous files need none): refusals are not certain.
          MutationWalk.runOnly(
              "fat/exfat.img.xz", new FatDriver(), b.fatOffset(), b.fatOffset() + 4096, 60, 65);
          MutationWalk.run(
              "fat/exfat.img.xz", new FatDriver(), b.dataOffset(), b.dataOffset() + (128 << 10),
              150, 66);
        });
  }
}
