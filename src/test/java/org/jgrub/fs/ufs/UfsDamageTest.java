package org.jgrub.fs.ufs;

import java.io.IOException;
import java.time.Duration;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Damage;
import org.jgrub.testutil.Fixtures;
import org.jgrub.testutil.MemoryImage;
import org.jgrub.testutil.TreeWalk;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Random damage (the shared {@link Damage} harness) to the superblock, cylinder group 0, its inodes and the root directory. */
class UfsDamageTest {
  @ParameterizedTest
  @CsvSource({
    "ufs/ufs1-be-4k.img.xz, 1",
    "ufs/ufs2-le-8k.img.xz, 2",
    "ufs/fuse-ufs/ufs-big.img.xz, 3",
  })
  void randomMetadataDamageEndsCleanly(String image, long seed) throws IOException {
    MemoryImage img = MemoryImage.of(image);
    Damage d = Damage.of(img, image).rounds(300, seed).timeout(Duration.ofSeconds(20))
        .walk(TreeWalk.DEFAULT.reading(64 << 10));
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      UfsFs fs = (UfsFs) new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT).orElseThrow();
      UfsSuperblock sb = fs.superblock();
      long cg0 = (long) sb.cblkno() * sb.fsize();
      long inodes = (long) sb.iblkno() * sb.fsize();
      long rootDir = fs.layout(fs.root()).get(0).deviceOffset();
      d.region(sb.location(), sb.location() + UfsSuperblock.SIZE)
          .region(cg0, cg0 + 128)
          .region(inodes, inodes + 32L * sb.inodeSize())
          .region(rootDir, rootDir + 512);
    }
    d.walkEach(dev -> new UfsDriver().probe(dev, org.jgrub.io.Bounds.DEFAULT)).refusedAtLeast(1, image);
  }
}
