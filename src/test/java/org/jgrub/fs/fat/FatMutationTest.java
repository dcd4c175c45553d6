package org.jgrub.fs.fat;

import java.io.IOException;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.MemoryImage;
import org.junit.jupiter.api.Test;

/**
 * Random damage (the shared {@link Damage} harness) to the metadata of the real FAT images ends in
 * a jgrub exception or a read.
 */
class FatMutationTest {
  // The boot sector, FATs, root directory and the first directory clusters lie in the first
  // 160 KiB of each image (512-byte clusters on FAT16/32).
  private static final long META = 160 * 1024;

  /** {@code rounds} rounds of 1-8 damaged bytes inside [from, to) of {@code fixture}. */
  static Damage.Outcome sweep(String fixture, long from, long to, int rounds, long seed)
      throws IOException {
    MemoryImage img = MemoryImage.of(fixture);
    return Damage.of(img, fixture).region(from, Math.min(to, img.size())).rounds(rounds, seed)
        .walkEach(dev -> new FatDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT));
  }

  @Test
  void fat12() throws IOException {
    sweep("fat/fat12.img.xz", 0, META, 150, 12).readAndRefused("fat12");
  }

  @Test
  void fat16() throws IOException {
    sweep("fat/fat16.img.xz", 0, META, 150, 16).readAndRefused("fat16");
  }

  @Test
  void fat32() throws IOException {
    sweep("fat/fat32.img.xz", 0, 1 << 20, 150, 32).readAndRefused("fat32");
  }

  @Test
  void exfat() throws IOException {
    // mkfs.exfat aligns the FAT and the cluster heap to 1 MiB: damage the boot region, the FAT
    // and the first 128 KiB of the heap (bitmap, up-case table, root and first directories).
    ExFatBoot b =
        ((ExFatFs) new FatDriver().probe(RawImage.open(Fixtures.image("fat/exfat.img.xz")), org.jgrub.io.Bounds.DEFAULT)
                .orElseThrow())
            .boot();
    // The backup boot region absorbs damage to the main one: no refusal is needed there.
    sweep("fat/exfat.img.xz", 0, 24 * 512, 60, 64);
    // Most FAT entries are unused (contiguous files need none): refusals are not certain.
    sweep("fat/exfat.img.xz", b.fatOffset(), b.fatOffset() + 4096, 60, 65);
    sweep("fat/exfat.img.xz", b.dataOffset(), b.dataOffset() + (128 << 10), 150, 66)
        .readAndRefused("exfat cluster heap");
  }
}
