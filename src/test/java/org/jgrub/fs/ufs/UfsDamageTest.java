package org.jgrub.fs.ufs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.jgrub.image.RawImage;
import org.jgrub.testutil.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Random damage to the superblock, cylinder group 0, its inodes and the root directory. */
class UfsDamageTest {
  @ParameterizedTest
  @CsvSource({
    "ufs/ufs1-be-4k.img.xz, 1",
    "ufs/ufs2-le-8k.img.xz, 2",
    "ufs/fuse-ufs/ufs-big.img.xz, 3",
  })
  void randomMetadataDamageEndsCleanly(String image, long seed) throws IOException {
    byte[] img = Files.readAllBytes(Fixtures.image(image));
    DamageSweep.Region[] regions;
    try (RawImage dev = RawImage.open(Fixtures.image(image))) {
      UfsFs fs = (UfsFs) new UfsDriver().probe(dev).orElseThrow();
      UfsSuperblock sb = fs.superblock();
      long cg0 = (long) sb.cblkno() * sb.fsize();
      long inodes = (long) sb.iblkno() * sb.fsize();
      long rootDir = fs.layout(fs.root()).get(0).deviceOffset();
      regions = new DamageSweep.Region[] {
        new DamageSweep.Region(sb.location(), sb.location() + UfsSuperblock.SIZE),
        new DamageSweep.Region(cg0, cg0 + 128),
        new DamageSweep.Region(inodes, inodes + 32L * sb.inodeSize()),
        new DamageSweep.Region(rootDir, rootDir + 512),
      };
    }
    int failed = DamageSweep.run(img, image, new UfsDriver(), regions, 300, seed);
    assertTrue(failed > 0, "some damage must be detected");
  }
}
